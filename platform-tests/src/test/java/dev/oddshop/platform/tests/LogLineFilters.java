package dev.oddshop.platform.tests;

import dev.oddshop.launcher.ShopService;
import dev.oddshop.platform.tests.Runbooks.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The line filters of the runbooks' LogQL ({@code |= "text"}, {@code |~ "regex"}) checked against
 * what the services write: a line of a real log, or a log statement of the code, of a service and
 * level the stream selector picks. A filter that matches nothing would leave a responder staring
 * at an empty result in the middle of an incident.
 */
final class LogLineFilters {

    /** The services, which are also their modules' directories and their log files' names. */
    private static final List<String> SERVICES =
            Arrays.stream(ShopService.values()).map(ShopService::module).toList();

    /**
     * What the JVM and Spring Boot write when a service dies or fails to start, which no test here
     * provokes: a dead JVM is not a fault the lab injects.
     */
    private static final Set<String> WRITTEN_BY_THE_RUNTIME =
            Set.of("OutOfMemoryError", "GC overhead", "APPLICATION FAILED TO START", "Shutting down");

    private static final Pattern SELECTOR = Pattern.compile("\\{([^}]*)}");

    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|=)\\s*\"([^\"]*)\"");

    private static final Pattern FILTER = Pattern.compile("\\|([=~])\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Pattern LEVEL = Pattern.compile("\"level\":\"(\\w+)\"");

    private static final Pattern ANY = Pattern.compile(".*");

    private static final Pattern LOG_STATEMENT =
            Pattern.compile("\\blog\\.(trace|debug|info|warn|error)\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A line a service wrote, or a log statement in its code (its message template). */
    record Line(String service, String level, String text) {}

    private LogLineFilters() {}

    /** The queries with a line filter that matches no line of these, each with the reason. */
    static List<String> unmatched(List<Query> queries, List<Line> lines) {
        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            Matcher selector = SELECTOR.matcher(query.text());
            if (!selector.find()) {
                continue;
            }
            Map<String, Pattern> labels = labels(selector.group(1));
            List<Pattern> filters = filters(query.text().substring(selector.end()));
            // a placeholder such as <order-id> is for the reader to fill in
            if (filters.isEmpty()
                    || filters.stream().anyMatch(filter -> filter.pattern().contains("<"))) {
                continue;
            }
            boolean matched = lines.stream()
                    .anyMatch(line -> selects(labels, line)
                            && filters.stream()
                                    .allMatch(f -> f.matcher(line.text()).find()));
            boolean runtime = filters.stream()
                    .allMatch(f -> WRITTEN_BY_THE_RUNTIME.stream()
                            .anyMatch(text -> f.matcher(text).find()));
            if (!matched && !runtime) {
                problems.add(
                        query + "\n    no line that {" + selector.group(1)
                                + "} selects, logged by the services or written by their log statements, passes its line filters");
            }
        }
        return problems;
    }

    /** Every line of the services' logs in a platform's log directory ({@code <service>.log}). */
    static List<Line> logged(Path logs) {
        List<Line> lines = new ArrayList<>();
        for (String service : SERVICES) {
            Path log = logs.resolve(service + ".log");
            if (Files.exists(log)) {
                for (String text : Runbooks.read(log).split("\n")) {
                    Matcher level = LEVEL.matcher(text);
                    lines.add(new Line(service, level.find() ? level.group(1) : "", text));
                }
            }
        }
        return lines;
    }

    /** Every log statement's message template in the services' code; the starter's go to every service. */
    static List<Line> logStatements(Path root) {
        List<Line> lines = new ArrayList<>();
        for (String module :
                Stream.concat(SERVICES.stream(), Stream.of("platform-starter")).toList()) {
            List<String> services = module.equals("platform-starter") ? SERVICES : List.of(module);
            try (Stream<Path> sources = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path source : sources.filter(file -> file.toString().endsWith(".java"))
                        .toList()) {
                    Matcher statement = LOG_STATEMENT.matcher(Runbooks.read(source));
                    while (statement.find()) {
                        for (String service : services) {
                            lines.add(
                                    new Line(service, statement.group(1).toUpperCase(Locale.ROOT), statement.group(2)));
                        }
                    }
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return lines;
    }

    private static boolean selects(Map<String, Pattern> labels, Line line) {
        return labels.getOrDefault("service", ANY).matcher(line.service()).matches()
                && labels.getOrDefault("level", ANY).matcher(line.level()).matches();
    }

    /** The selector's service and level matchers (=, =~); Loki anchors its label regexes. */
    private static Map<String, Pattern> labels(String selector) {
        Map<String, Pattern> labels = new TreeMap<>();
        Matcher matcher = MATCHER.matcher(selector);
        while (matcher.find()) {
            labels.put(
                    matcher.group(1),
                    Pattern.compile(matcher.group(2).equals("=") ? Pattern.quote(matcher.group(3)) : matcher.group(3)));
        }
        labels.keySet().retainAll(Set.of("service", "level"));
        return labels;
    }

    /** Line filters as patterns found anywhere in a line, as Loki applies them (|= literal, |~ RE2). */
    private static List<Pattern> filters(String pipeline) {
        List<Pattern> filters = new ArrayList<>();
        Matcher filter = FILTER.matcher(pipeline);
        while (filter.find()) {
            String value = filter.group(2).replace("\\\\", "\\").replace("\\\"", "\"");
            filters.add(Pattern.compile(filter.group(1).equals("=") ? Pattern.quote(value) : value));
        }
        return filters;
    }
}
