package dev.oddshop.gateway.fault;

import java.net.URI;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The services whose faults the gateway fans out to, by name. */
@ConfigurationProperties("shop.faults")
public record FaultTargets(Map<String, URI> services) {
}
