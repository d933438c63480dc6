package dev.oddshop.bench;

/** Reads sample values out of Prometheus' text exposition format (what /actuator/prometheus answers). */
final class PrometheusText {

    private PrometheusText() {}

    /** The sum of every sample of {@code metric} whose labels contain {@code labels} ("" for all). */
    static double sum(String exposition, String metric, String labels) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            String sampleLabels = "";
            if (rest.startsWith("{")) {
                int end = rest.lastIndexOf('}');
                sampleLabels = rest.substring(1, end);
                rest = rest.substring(end + 1);
            }
            if (!rest.startsWith(" ") || !sampleLabels.contains(labels)) {
                continue; // another metric whose name starts with this one's
            }
            sum += Double.parseDouble(rest.strip().split(" ")[0]);
        }
        return sum;
    }
}
