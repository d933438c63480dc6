package dev.oddshop.drill;

import java.util.List;
import java.util.Locale;

/** A small self-contained SVG line chart with the drill's phases shaded, for the Markdown report. */
final class LineChart {

    private static final int WIDTH = 640;

    private static final int HEIGHT = 180;

    private static final int PAD = 36;

    private LineChart() {}

    static String svg(String title, String unit, List<double[]> points, List<Phase> phases) {
        StringBuilder svg = new StringBuilder();
        svg.append(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n"
                        .formatted(WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        double t0 = phases.getFirst().start().getEpochSecond();
        double t1 = phases.getLast().end().getEpochSecond();
        double max = points.stream()
                .mapToDouble(point -> point[1])
                .filter(v -> !Double.isNaN(v))
                .max()
                .orElse(1);
        max = max <= 0 ? 1 : max * 1.1;
        for (Phase phase : phases) {
            if (phase.name().equals("fault")) {
                double x0 = x(phase.start().getEpochSecond(), t0, t1);
                double x1 = x(phase.end().getEpochSecond(), t0, t1);
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#fde2e1\"/>%n",
                        x0,
                        PAD / 2,
                        x1 - x0,
                        HEIGHT - PAD - PAD / 2));
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" fill=\"#666\">%s</text>%n",
                    x(phase.start().getEpochSecond(), t0, t1) + 2,
                    HEIGHT - PAD + 14,
                    phase.name()));
        }
        StringBuilder path = new StringBuilder();
        for (double[] point : points) {
            if (!Double.isNaN(point[1])) {
                path.append(path.isEmpty() ? "M" : " L")
                        .append(String.format(Locale.ROOT, "%.1f %.1f", x(point[0], t0, t1), y(point[1], max)));
            }
        }
        svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\"/>\n");
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n",
                PAD,
                HEIGHT - PAD,
                WIDTH - 8,
                HEIGHT - PAD));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-weight=\"bold\">%s</text>%n", PAD, title));
        svg.append(String.format(
                Locale.ROOT, "<text x=\"2\" y=\"%d\" fill=\"#666\">%.3g %s</text>%n", PAD / 2 + 10, max, unit));
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" fill=\"#666\">0</text>%n", HEIGHT - PAD));
        return svg.append("</svg>\n").toString();
    }

    private static double x(double t, double t0, double t1) {
        return PAD + (t - t0) / Math.max(1, t1 - t0) * (WIDTH - PAD - 8);
    }

    private static double y(double value, double max) {
        return HEIGHT - PAD - value / max * (HEIGHT - PAD - PAD / 2.0);
    }
}
