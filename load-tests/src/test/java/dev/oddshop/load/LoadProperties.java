package dev.oddshop.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A run's settings, read from Java system properties (-Dshop.rate=20 on the Maven command line),
 * each with a default sized for a short run against the embedded platform on a laptop.
 */
final class LoadProperties {

    private LoadProperties() {}

    static String baseUrl() {
        return text("shop.baseUrl", "http://localhost:8080");
    }

    static String text(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    static int integer(String name, int fallback) {
        return Integer.parseInt(text(name, Integer.toString(fallback)));
    }

    static double number(String name, double fallback) {
        return Double.parseDouble(text(name, Double.toString(fallback)));
    }

    static Duration seconds(String name, long fallback) {
        return Duration.ofSeconds(Long.parseLong(text(name, Long.toString(fallback))));
    }

    /** shop.adminToken, else the file ./shop up writes (the pom passes its path as shop.adminTokenFile). */
    static String adminToken() {
        String token = text("shop.adminToken", "");
        if (!token.isEmpty()) {
            return token;
        }
        Path file = Path.of(text("shop.adminTokenFile", "run/admin-token"));
        try {
            return Files.readString(file).strip();
        } catch (IOException ex) {
            throw new IllegalStateException(
                    "No admin token: pass -Dshop.adminToken=... or start the platform with "
                            + "./shop up, which writes " + file,
                    ex);
        }
    }
}
