package dev.oddshop.launcher.scenario;

import dev.oddshop.launcher.Instances;
import dev.oddshop.launcher.ServiceInstance;
import dev.oddshop.launcher.ShopService;
import dev.oddshop.scenario.InstanceCrash;
import dev.oddshop.scenario.Scenario;
import java.util.Optional;
import java.util.function.Supplier;

/** Puts a scenario's crashes to work on the platform's instances: kills them, then starts them again. */
public final class InstanceCrashes {

    private final Instances instances;

    public InstanceCrashes(Instances instances) {
        this.instances = instances;
    }

    /**
     * The crashes of a scenario that has some, put to work on {@code instances}; none for a scenario
     * without. A scenario with crashes and no instances at hand is refused with {@code why}.
     */
    public static Optional<InstanceCrashes> of(
            Scenario scenario, Optional<? extends Instances> instances, Supplier<String> why) {
        if (scenario.crashes().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InstanceCrashes(instances.orElseThrow(() -> new IllegalStateException(why.get()))));
    }

    /** Kills every instance the scenario crashes. */
    public void start(Scenario scenario) {
        scenario.crashes().forEach(crash -> this.instances.kill(instance(crash)));
    }

    /** Starts again every crashed instance still down, each once it is ready; one started by hand is no error. */
    public void stop(Scenario scenario) {
        scenario.crashes().stream()
                .map(InstanceCrashes::instance)
                .filter(instance -> !this.instances.isRunning(instance))
                .forEach(this.instances::start);
    }

    /** The platform's instance a crash names; throws for a service or instance the platform cannot have. */
    public static ServiceInstance instance(InstanceCrash crash) {
        return new ServiceInstance(ShopService.of(crash.service()), crash.instance());
    }
}
