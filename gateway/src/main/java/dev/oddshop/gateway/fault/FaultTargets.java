package dev.oddshop.gateway.fault;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where each service answers, by name (shop.services): the routes go there, faults fan out there. */
@ConfigurationProperties("shop")
public record FaultTargets(Map<String, URI> services) {}
