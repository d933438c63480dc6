package dev.oddshop.scenario;

import java.time.Duration;

/**
 * One instance of a scenario killed with SIGKILL when the scenario starts, as a crash or an
 * out-of-memory kill would end it. The launcher does it, not the service: no {@code /admin/faults}
 * kind can end its own process. It comes back when the scenario stops, as an orchestrator would
 * restart it; until then ({@code lifetime}) the other instances of its service carry the load.
 *
 * @param service the service's module name (order-service)
 * @param instance which of its instances, from 1
 */
public record InstanceCrash(String service, int instance, Duration lifetime) {

    /** The same crash lasting {@code length} (a drill's fault phase). */
    public InstanceCrash lastingFor(Duration length) {
        return new InstanceCrash(this.service, this.instance, length);
    }
}
