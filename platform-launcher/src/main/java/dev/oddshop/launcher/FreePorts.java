package dev.oddshop.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports for a platform that must not collide with another one (tests, drills), never fixed numbers. */
public final class FreePorts {

    private FreePorts() {}

    /** The first port of {@code size} consecutive free ports. */
    public static int range(int size) {
        for (int attempt = 0; attempt < 50; attempt++) {
            // below Linux's ephemeral range (32768+), where outgoing connections could take a port we picked
            int start = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (allFree(start, size)) {
                return start;
            }
        }
        throw new IllegalStateException("No free port range");
    }

    private static boolean allFree(int start, int size) {
        for (int port = start; port < start + size; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException ex) {
                return false;
            }
        }
        return true;
    }
}
