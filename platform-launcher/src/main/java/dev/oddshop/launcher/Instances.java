package dev.oddshop.launcher;

import java.util.List;

/** The service instances of a running platform, each of which a drill may kill and start again. */
public interface Instances {

    /** Every instance configured, in start order, running or not. */
    List<ServiceInstance> instances();

    boolean isRunning(ServiceInstance instance);

    /** Kills the instance as a crash would (SIGKILL): no shutdown, nothing finished. */
    void kill(ServiceInstance instance);

    /** Starts a stopped instance again and returns once it is ready. */
    void start(ServiceInstance instance);
}
