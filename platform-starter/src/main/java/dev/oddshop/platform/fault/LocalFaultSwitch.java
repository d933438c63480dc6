package dev.oddshop.platform.fault;

import java.util.List;
import java.util.function.Supplier;

/** The switch of a service without a database: its faults live in its one process. */
class LocalFaultSwitch implements FaultSwitch {

    private final FaultRegistry registry;

    private final Supplier<String> instance;

    LocalFaultSwitch(FaultRegistry registry, Supplier<String> instance) {
        this.registry = registry;
        this.instance = instance;
    }

    @Override
    public Fault on(FaultRequest request) {
        return this.registry.enable(request);
    }

    @Override
    public Fault off(String id) {
        return this.registry.disable(id);
    }

    @Override
    public List<ActiveFault> active() {
        return this.registry.active().stream()
                .map(fault -> new ActiveFault(fault, List.of(this.instance.get())))
                .toList();
    }
}
