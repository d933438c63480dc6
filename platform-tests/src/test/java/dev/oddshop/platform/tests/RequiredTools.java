package dev.oddshop.platform.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one rule for a test whose tool (promtool, prometheus, amtool...) is missing: skipped with a
 * message on a developer's machine, run in CI, where .ci/run installs the tools and fails the
 * build on any skipped test but the Docker-only ones.
 */
final class RequiredTools {

    private RequiredTools() {}

    /** Skips the test here unless {@code tool} is on the PATH; in CI ({@code CI} set) runs it regardless. */
    static void require(String tool) {
        assumeTrue(
                onPath(tool) || System.getenv("CI") != null,
                tool + " is not installed: skipped here, run in CI (.ci/run installs it)");
    }

    static boolean onPath(String tool) {
        return find(tool).isPresent();
    }

    /** The executable {@code tool} the PATH names first, if any. */
    static Optional<Path> find(String tool) {
        return Stream.of(System.getenv("PATH").split(":"))
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
