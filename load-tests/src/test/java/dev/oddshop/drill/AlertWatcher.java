package dev.oddshop.drill;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Polls Alertmanager every few seconds and keeps when each alert (by its labels) first reached
 * it: the moment someone would have been paged.
 */
final class AlertWatcher implements AutoCloseable {

    private final Map<Map<String, String>, Instant> firstSeen = new ConcurrentHashMap<>();

    private final Thread watcher;

    AlertWatcher(PrometheusApi api) {
        this.watcher = Thread.ofPlatform().daemon().name("alert-watcher").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Instant now = Instant.now();
                    api.alertmanagerAlerts().forEach(alert -> this.firstSeen.putIfAbsent(alert, now));
                    Thread.sleep(3_000);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException unreachable) {
                    // Alertmanager busy or restarting: the next poll will tell
                }
            }
        });
    }

    /** When Alertmanager first had an alert carrying all these labels, or null. */
    Instant firstSeen(Map<String, String> labels) {
        return this.firstSeen.entrySet().stream()
                .filter(alert -> alert.getKey().entrySet().containsAll(labels.entrySet()))
                .map(Map.Entry::getValue)
                .min(Instant::compareTo)
                .orElse(null);
    }

    List<Map<String, String>> seenAfter(Instant start) {
        return this.firstSeen.entrySet().stream()
                .filter(alert -> !alert.getValue().isBefore(start))
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public void close() {
        this.watcher.interrupt();
    }
}
