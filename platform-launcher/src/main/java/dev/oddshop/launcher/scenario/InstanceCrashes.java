package dev.oddshop.launcher.scenario;

import dev.oddshop.launcher.Instances;

/** Puts a scenario's crashes to work on the platform's instances: kills them, then starts them again. */
public final class InstanceCrashes {

    private final Instances instances;

    public InstanceCrashes(Instances instances) {
        this.instances = instances;
    }

    /** Kills every instance the scenario crashes. */
    public void start(Scenario scenario) {
        scenario.crashes().forEach(crash -> this.instances.kill(crash.instance()));
    }

    /** Starts again every crashed instance still down, each once it is ready; one started by hand is no error. */
    public void stop(Scenario scenario) {
        scenario.crashes().stream()
                .map(InstanceCrash::instance)
                .filter(instance -> !this.instances.isRunning(instance))
                .forEach(this.instances::start);
    }
}
