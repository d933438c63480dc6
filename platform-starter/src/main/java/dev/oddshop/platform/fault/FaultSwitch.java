package dev.oddshop.platform.fault;

import java.util.List;

/** Switches a service's faults on and off: on every replica of it where they share a database. */
public interface FaultSwitch {

    /** Switches on the fault the request asks for (in place of one of the same id). */
    Fault on(FaultRequest request);

    /** Switches the fault off; 404 when it is not on. */
    Fault off(String id);

    /** The faults on, each with the replicas that have it on. */
    List<ActiveFault> active();
}
