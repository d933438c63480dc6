package dev.oddshop.gateway.fault;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The services faults fan out to, by name (shop.services), each as {@code http://<service id>}. */
@ConfigurationProperties("shop")
public record FaultTargets(Map<String, URI> services) {}
