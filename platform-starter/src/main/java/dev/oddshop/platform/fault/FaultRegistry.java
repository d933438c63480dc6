package dev.oddshop.platform.fault;

import dev.oddshop.platform.web.ApiException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * The faults active in this service. Every switch is ground truth in the telemetry: a gauge
 * {@code shop_fault_active{service,fault,kind}} while it is on and a structured log line at
 * each change. A fault never outlives its expiry (at most an hour).
 */
public class FaultRegistry {

    static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    static final Duration MAX_TTL = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(FaultRegistry.class);

    private final Map<String, Fault> faults = new ConcurrentHashMap<>();

    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    private final MeterRegistry meters;

    private final String service;

    private final Clock clock;

    private final boolean hasDatabase;

    /** The service's declared fault points by id, in a stable order. */
    private final Map<String, FaultPoint> points;

    private final List<Consumer<Fault>> switchOffListeners = new CopyOnWriteArrayList<>();

    public FaultRegistry(
            MeterRegistry meters,
            String service,
            Clock clock,
            boolean hasDatabase,
            Collection<? extends FaultPoint> points) {
        this.meters = meters;
        this.service = service;
        this.clock = clock;
        this.hasDatabase = hasDatabase;
        this.points = new TreeMap<>();
        points.forEach(point -> this.points.put(point.id(), point));
    }

    /** The fault points this service declares: the only points a fault may name. */
    public List<FaultPoint> points() {
        return List.copyOf(this.points.values());
    }

    /** Switches the fault the request asks for on here, and answers it. */
    public Fault enable(FaultRequest request) {
        Fault fault = accept(request);
        put(fault);
        return fault;
    }

    /**
     * The fault the request asks for, once it names a point of this service and a kind that acts
     * there; switches nothing on.
     */
    public Fault accept(FaultRequest request) {
        if (!this.points.containsKey(request.point())) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "fault-point-unknown",
                    "No fault point " + request.point() + " in " + this.service + "; its points: "
                            + String.join(", ", this.points.keySet()),
                    Map.of("points", List.copyOf(this.points.keySet())));
        }
        Set<FaultKind> kinds = this.points.get(request.point()).kinds();
        if (!kinds.contains(request.kind())) {
            List<String> names = kinds.stream().map(FaultKind::name).sorted().toList();
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "fault-kind-not-applicable",
                    "A " + request.kind() + " fault does not act at " + request.point() + "; the kinds that do: "
                            + String.join(", ", names),
                    Map.of("kinds", names));
        }
        if (request.kind().needsDatabase() && !this.hasDatabase) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "fault-not-applicable",
                    "A " + request.kind() + " fault needs a database; " + this.service + " has none");
        }
        // a delayed fault starts later (a scenario's timeline) and lives its ttl from then on; in
        // milliseconds, so that the copy every replica reads back from the database is equal to it
        Instant start = this.clock
                .instant()
                .plus(request.delay() == null ? Duration.ZERO : request.delay())
                .truncatedTo(ChronoUnit.MILLIS);
        Duration ttl = (request.ttl() == null ? DEFAULT_TTL : request.ttl()).truncatedTo(ChronoUnit.MILLIS);
        return new Fault(
                request.id(),
                request.kind(),
                request.point(),
                request.probability() == null ? 1.0 : request.probability(),
                request.duration() == null ? Duration.ZERO : request.duration(),
                request.jitter() == null ? Duration.ZERO : request.jitter(),
                start,
                start.plus(ttl),
                request.note() == null ? "" : request.note());
    }

    /** Switches the fault on here, in place of one of the same id. */
    public void put(Fault fault) {
        this.faults.put(fault.id(), fault);
        this.gauges.computeIfAbsent(
                fault.id(),
                id -> Gauge.builder("shop.fault.active", this, registry -> registry.isActive(id) ? 1 : 0)
                        .description("1 while the fault is switched on: ground truth for dashboards and drills")
                        .tag("service", this.service)
                        .tag("fault", id)
                        .tag("kind", fault.kind().name().toLowerCase(Locale.ROOT))
                        .register(this.meters));
        log.warn(
                "Fault {} ON: {} at {} (probability {}, duration {}, jitter {}) from {} until {}; note: {}",
                fault.id(),
                fault.kind(),
                fault.point(),
                fault.probability(),
                fault.duration(),
                fault.jitter(),
                fault.startedAt(),
                fault.expiresAt(),
                fault.note());
    }

    /** Switches the fault off here; 404 when it is not on. */
    public Fault disable(String id) {
        return remove(id).orElseThrow(() -> ApiException.notFound("Fault", id));
    }

    /** Switches the fault off here, if it is on. */
    public Optional<Fault> remove(String id) {
        Fault fault = this.faults.remove(id);
        if (fault != null) {
            log.warn("Fault {} OFF ({} at {})", id, fault.kind(), fault.point());
            this.switchOffListeners.forEach(listener -> listener.accept(fault));
        }
        return Optional.ofNullable(fault);
    }

    /**
     * Makes the faults on here the given ones, which other replicas may have switched on or off:
     * only what differs changes.
     */
    public void adopt(Collection<Fault> shared) {
        Map<String, Fault> wanted = new HashMap<>();
        shared.forEach(fault -> wanted.put(fault.id(), fault));
        List.copyOf(this.faults.values()).stream()
                .filter(fault -> !fault.equals(wanted.get(fault.id())))
                .forEach(fault -> remove(fault.id()));
        wanted.values().stream()
                .filter(fault -> !fault.equals(this.faults.get(fault.id())))
                .forEach(this::put);
    }

    /** Called with each fault switched off or expired, e.g. to let go of what it held. */
    public void onSwitchOff(Consumer<Fault> listener) {
        this.switchOffListeners.add(listener);
    }

    public List<Fault> active() {
        expire();
        return this.faults.values().stream()
                .sorted(Comparator.comparing(Fault::startedAt))
                .toList();
    }

    /** The active faults at this point; expired faults switch themselves off here. */
    public List<Fault> at(String point) {
        if (this.faults.isEmpty()) {
            return List.of();
        }
        expire();
        Instant now = this.clock.instant();
        return this.faults.values().stream()
                .filter(fault -> fault.point().equals(point) && fault.started(now))
                .toList();
    }

    boolean isActive(String id) {
        Fault fault = this.faults.get(id);
        Instant now = this.clock.instant();
        return fault != null && fault.started(now) && !fault.expired(now);
    }

    private void expire() {
        Instant now = this.clock.instant();
        this.faults.values().removeIf(fault -> {
            if (fault.expired(now)) {
                log.warn("Fault {} OFF (expired at {})", fault.id(), fault.expiresAt());
                this.switchOffListeners.forEach(listener -> listener.accept(fault));
                return true;
            }
            return false;
        });
    }
}
