package dev.oddshop.platform.fault;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault engine at the fault points: with no fault switched on a strike costs a map look-up.
 * A strike is counted ({@code shop_fault_injections_total}) and marked on the current span
 * ({@code fault.id}).
 */
public class FaultEngine implements FaultPoints {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** A logger that looks like a real component, as the noise in an incident does. */
    private static final Logger NOISE = LoggerFactory.getLogger("dev.oddshop.cache.SegmentRefresher");

    /** A leak keeps many small entries, as a cache does; large arrays would waste G1 regions instead. */
    private static final int LEAK_CHUNK = 32 * 1024;

    private final FaultRegistry registry;

    private final MeterRegistry meters;

    private final ObservationRegistry observations;

    /** The service's database, or null where it has none (FaultRegistry refuses database faults there). */
    private final DatabaseFaults database;

    /** What each MEMORY_LEAK fault keeps alive, as a leak does, until it is switched off (a restart, in effect). */
    private final Map<String, Queue<byte[]>> retained = new ConcurrentHashMap<>();

    private final AtomicLong leaked = new AtomicLong();

    /** Where leaks stop growing, short of OutOfMemoryError, so the JVM stays up to be diagnosed. */
    private final long leakCeiling;

    /** One monitor per THREAD_SATURATION fault. */
    private final Map<String, Object> monitors = new ConcurrentHashMap<>();

    public FaultEngine(
            FaultRegistry registry,
            MeterRegistry meters,
            ObservationRegistry observations,
            DatabaseFaults database,
            long leakCeiling) {
        this.registry = registry;
        this.meters = meters;
        this.observations = observations;
        this.database = database;
        this.leakCeiling = leakCeiling;
        registry.onSwitchOff(this::release);
    }

    @Override
    public void strike(FaultPoint point) {
        for (Fault fault : this.registry.at(point.id())) {
            if (!fault.kind().decision() && hits(fault)) {
                act(fault);
            }
        }
    }

    @Override
    public boolean struck(FaultPoint point, FaultKind kind) {
        return this.registry.at(point.id()).stream().anyMatch(fault -> fault.kind() == kind && hits(fault));
    }

    private boolean hits(Fault fault) {
        if (ThreadLocalRandom.current().nextDouble() >= fault.probability()) {
            return false;
        }
        Counter.builder("shop.fault.injections")
                .description("Calls a fault struck")
                .tag("fault", fault.id())
                .tag("kind", fault.kind().name().toLowerCase(Locale.ROOT))
                .register(this.meters)
                .increment();
        Observation current = this.observations.getCurrentObservation();
        if (current != null) {
            current.highCardinalityKeyValue("fault.id", fault.id());
            current.event(Observation.Event.of("fault", "fault " + fault.id() + " (" + fault.kind() + ")"));
        }
        return true;
    }

    private void act(Fault fault) {
        switch (fault.kind()) {
            case LATENCY -> sleep(fault.duration().plus(jitter(fault.jitter())));
            case ERROR -> throw new InjectedFaultException(fault);
            case HANG -> hang(fault);
            // declared at call points only, where the client interceptor rethrows the I/O exception
            case UNREACHABLE ->
                throw new UncheckedIOException(new ConnectException("Connection refused (fault " + fault.id() + ")"));
            case CPU_HOT_LOOP -> burn(fault.duration());
            case MEMORY_LEAK -> leak(fault);
            case LOG_FLOOD -> flood();
            case SLOW_SQL -> this.database.slowQuery(fault.duration().plus(jitter(fault.jitter())));
            case POOL_EXHAUSTION -> this.database.holdConnection(fault);
            case LOCK_CONTENTION -> sleep(fault.duration().plus(jitter(fault.jitter())));
            case THREAD_SATURATION -> {
                synchronized (this.monitors.computeIfAbsent(fault.id(), id -> new Object())) {
                    sleep(fault.duration());
                }
            }
            case DECLINE, READINESS_FLAP, RETRY_STORM, NEVER_SETTLED, WRONG_AMOUNT -> {
                // decisions: the code at the point acts on struck(...)
            }
        }
    }

    /** Synchronised with {@link #release}, so a call leaking at switch-off cannot skew the count. */
    private synchronized void leak(Fault fault) {
        Queue<byte[]> chunks = this.retained.computeIfAbsent(fault.id(), id -> new ConcurrentLinkedQueue<>());
        long bytes = Math.min(fault.duration().toMillis() * 1024, 64 << 20);
        for (long kept = 0; kept < bytes; kept += LEAK_CHUNK) {
            int chunk = (int) Math.min(LEAK_CHUNK, bytes - kept);
            if (this.leaked.get() + chunk > this.leakCeiling) {
                return;
            }
            chunks.add(new byte[chunk]);
            this.leaked.addAndGet(chunk);
        }
    }

    private synchronized void release(Fault fault) {
        Queue<byte[]> chunks = this.retained.remove(fault.id());
        if (chunks != null) {
            this.leaked.addAndGet(
                    -chunks.stream().mapToLong(chunk -> chunk.length).sum());
        }
    }

    /** Blocks until the fault expires or is switched off: a hang ends when its cause does. */
    private void hang(Fault fault) {
        while (this.registry.isActive(fault.id()) && !Thread.currentThread().isInterrupted()) {
            sleep(Duration.ofMillis(100));
        }
    }

    /** Plausible-looking noise at ERROR: the kind of flood that hides the real error. */
    private static void flood() {
        for (int i = 0; i < 20; i++) {
            NOISE.error("Cache refresh failed for segment {}: upstream returned stale data (retrying)", i);
        }
    }

    /** Bytes kept alive by MEMORY_LEAK faults so far. */
    public long retainedBytes() {
        return this.leaked.get();
    }

    private static Duration jitter(Duration jitter) {
        return jitter.isZero()
                ? Duration.ZERO
                : Duration.ofMillis(ThreadLocalRandom.current().nextLong(jitter.toMillis() + 1));
    }

    private static void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A deliberately wasteful loop that shows up in CPU profiles under this method's name. It burns
     * until this thread has spent {@code duration} of CPU, not of wall time: on a busy machine the
     * call takes longer, as real CPU-bound code does, and the cost per call stays what was asked.
     */
    private static void burn(Duration duration) {
        long end = THREADS.getCurrentThreadCpuTime() + duration.toNanos();
        long hash = 17;
        while (THREADS.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                hash = hash * 31 + i;
            }
        }
        if (hash == 42) {
            Thread.onSpinWait();
        }
    }
}
