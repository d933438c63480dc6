package dev.oddshop.platform.fault;

import dev.oddshop.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;

/**
 * The switch of a service with a database: a fault switched on or off at any replica is written to
 * the {@link FaultTable}, and every replica makes its own faults those of the table each second,
 * a replica started later included; each fault expires everywhere at its own {@code expiresAt}.
 * With the database away, a replica keeps the faults it has until they expire.
 */
class SharedFaultSwitch implements FaultSwitch, SmartLifecycle, AutoCloseable {

    static final Duration SYNC_EVERY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(SharedFaultSwitch.class);

    private final FaultRegistry registry;

    private final FaultTable table;

    private final Supplier<String> instance;

    private final Clock clock;

    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fault-sync").daemon().factory());

    private volatile boolean running;

    /** Whether the last round failed: a failing database is logged once, not every second. */
    private boolean failing;

    SharedFaultSwitch(FaultRegistry registry, FaultTable table, Supplier<String> instance, Clock clock) {
        this.registry = registry;
        this.table = table;
        this.instance = instance;
        this.clock = clock;
    }

    @Override
    public synchronized Fault on(FaultRequest request) {
        Fault fault = this.registry.accept(request);
        shared(() -> {
            this.table.save(fault);
            return fault;
        });
        this.registry.put(fault);
        return fault;
    }

    @Override
    public synchronized Fault off(String id) {
        Optional<Fault> stored = shared(() -> this.table.delete(id));
        Optional<Fault> here = this.registry.remove(id);
        return here.or(() -> stored).orElseThrow(() -> ApiException.notFound("Fault", id));
    }

    @Override
    public List<ActiveFault> active() {
        Map<String, Collection<String>> reported = shared(() -> this.table.instances(this.clock.instant()));
        return this.registry.active().stream()
                .map(fault -> {
                    Collection<String> instances = new TreeSet<>(reported.getOrDefault(fault.id(), List.of()));
                    // this replica's own state is known now, not at its next report
                    instances.add(this.instance.get());
                    return new ActiveFault(fault, List.copyOf(instances));
                })
                .toList();
    }

    /** One round: this replica's faults become the table's, then it reports which it has on. */
    synchronized void sync() {
        Instant now = this.clock.instant();
        try {
            this.registry.adopt(this.table.load(now));
            this.table.report(
                    this.instance.get(),
                    this.registry.active().stream().map(Fault::id).toList(),
                    now);
            if (this.failing) {
                log.info("Faults are shared through the database again");
            }
            this.failing = false;
        } catch (DataAccessException ex) {
            if (!this.failing) {
                log.warn(
                        "Faults cannot be read from the database; this replica keeps the ones it has until they expire: {}",
                        ex.getMostSpecificCause().toString());
            }
            this.failing = true;
        }
    }

    /** Before the service takes traffic, it has the faults the other replicas have; then every second. */
    @Override
    public void start() {
        sync();
        this.rounds.scheduleWithFixedDelay(
                this::sync, SYNC_EVERY.toMillis(), SYNC_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        this.running = true;
    }

    @Override
    public void stop() {
        this.rounds.shutdownNow();
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public void close() {
        this.table.close();
    }

    private static <T> T shared(Supplier<T> access) {
        try {
            return access.get();
        } catch (DataAccessException ex) {
            log.warn(
                    "The faults' table cannot be reached: {}",
                    ex.getMostSpecificCause().toString());
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "fault-store-unavailable",
                    "The service's faults are kept in its database, which cannot be reached; retry");
        }
    }
}
