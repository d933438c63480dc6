package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Node.js tools the tests run (the runbooks' query grammars, Redocly's OpenAPI linter): each
 * an npm project of its own in the repository, installed with {@code npm ci} when its modules
 * are missing. Node.js is required: CI installs it.
 */
final class NodeTools {

    private NodeTools() {}

    /** Installs the project in {@code directory} unless all these modules are there already. */
    static void install(Path directory, String... modules) throws IOException {
        if (!RequiredTools.onPath("node") || !RequiredTools.onPath("npm")) {
            fail("Node.js (node and npm) must be on the PATH to run " + directory.getFileName()
                    + ": install Debian's packages nodejs and npm (CI's .ci/run does)");
        }
        if (Stream.of(modules).anyMatch(module -> !Files.isDirectory(directory.resolve("node_modules/" + module)))) {
            run(directory, 300, "npm", "ci", "--no-audit", "--no-fund");
        }
    }

    /** Runs a command in {@code directory}; its output, or a failed assertion with its output and errors. */
    static String run(Path directory, int timeoutSeconds, String... command) throws IOException {
        Path log = Runbooks.ROOT.resolve("platform-tests/target/" + command[0] + "-"
                + ProcessHandle.current().pid() + ".err");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectError(log.toFile())
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        String errors = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(process.exitValue())
                .as(String.join(" ", command) + " in " + directory + "\n" + output + errors)
                .isZero();
        return output;
    }
}
