package dev.oddshop.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** The runs Gatling wrote to a results folder, one folder each, named so that the newest sorts last. */
public final class GatlingRuns {

    private GatlingRuns() {}

    /** The newest run's folder, if any. */
    public static Optional<Path> latest(Path results) {
        try (Stream<Path> runs = Files.list(results)) {
            return runs.filter(Files::isDirectory)
                    .max(Comparator.comparing(path -> path.getFileName().toString()));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
