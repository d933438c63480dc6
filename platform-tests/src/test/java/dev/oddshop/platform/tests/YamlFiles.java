package dev.oddshop.platform.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Reading the repository's YAML files in tests: a file as a map, and a value by its keys. */
final class YamlFiles {

    private YamlFiles() {}

    static Map<?, ?> load(Path file) {
        return new Yaml().load(read(file));
    }

    /** The value under {@code keys}, or null where one is missing. */
    static Object path(Map<?, ?> map, String... keys) {
        Object at = map;
        for (String key : keys) {
            at = at instanceof Map<?, ?> level ? level.get(key) : null;
        }
        return at;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
