package dev.oddshop.load;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Response times and outcomes recorded by key while a simulation runs (from many virtual users
 * at once), summarised when it ends: Gatling's own statistics are per request name only, and a
 * capacity run needs them per arrival-rate step.
 */
final class LatencySamples<K> {

    private record Sample(long millis, boolean ok) {}

    record Summary(int count, int failed, long p50Millis, long p95Millis) {

        double failedPercent() {
            return this.count == 0 ? 0 : 100.0 * this.failed / this.count;
        }
    }

    private final Map<K, Queue<Sample>> samples = new ConcurrentHashMap<>();

    void record(K key, long millis, boolean ok) {
        this.samples.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(new Sample(millis, ok));
    }

    Summary summary(K key) {
        List<Sample> recorded = List.copyOf(this.samples.getOrDefault(key, new ConcurrentLinkedQueue<>()));
        long[] sorted = recorded.stream().mapToLong(Sample::millis).sorted().toArray();
        int failed = (int) recorded.stream().filter(s -> !s.ok()).count();
        return new Summary(recorded.size(), failed, percentile(sorted, 50), percentile(sorted, 95));
    }

    /** Nearest-rank percentile of sorted values (0 when there are none). */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
