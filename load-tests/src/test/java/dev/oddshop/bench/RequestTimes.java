package dev.oddshop.bench;

import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.LogFileData;
import io.gatling.charts.stats.LogFileReader;
import io.gatling.charts.stats.RequestStatsPath;
import io.gatling.charts.stats.StatsPath;
import io.gatling.commons.stats.OK$;
import io.gatling.core.config.GatlingConfiguration$;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Gatling run's response times for one request name, in milliseconds, as Gatling's own report
 * computes them from its simulation.log (the figures its assertions check).
 *
 * @param count requests sent
 * @param failed requests whose checks failed
 */
record RequestTimes(long count, long failed, int p50, int p95, int p99) {

    /** Every request name of the run in {@code runDirectory} (one of Gatling's results folders). */
    static Map<String, RequestTimes> of(Path runDirectory) {
        LogFileData run = LogFileReader.apply(
                        runDirectory.getFileName().toString(),
                        runDirectory.getParent(),
                        GatlingConfiguration$.MODULE$.load())
                .read();
        Map<String, RequestTimes> times = new TreeMap<>();
        for (StatsPath path : CollectionConverters.asJava(run.statsPaths())) {
            if (path instanceof RequestStatsPath request) {
                Option<String> name = Option.apply(request.request());
                GeneralStats all = run.requestGeneralStats(name, request.group(), Option.empty())
                        .get();
                long ok = run.requestGeneralStats(name, request.group(), Option.apply(OK$.MODULE$))
                        .map(GeneralStats::count)
                        .getOrElse(() -> 0L);
                times.put(
                        request.request(),
                        new RequestTimes(
                                all.count(),
                                all.count() - ok,
                                percentile(all, 50),
                                percentile(all, 95),
                                percentile(all, 99)));
            }
        }
        return times;
    }

    private static int percentile(GeneralStats stats, double rank) {
        return ((Number) stats.percentile().apply(rank)).intValue();
    }
}
