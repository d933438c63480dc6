package dev.oddshop.platform.fault;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A fault as the fault list shows it: the fault, and the replicas of the service that have it on
 * (each named as {@code shop.instance}: host and port, or the pod's name).
 */
public record ActiveFault(@JsonUnwrapped Fault fault, List<String> instances) {}
