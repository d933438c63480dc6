package dev.oddshop.launcher;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** The applications of the platform, in start order, each on its port offset from the gateway's (its first instance's). */
public enum ShopService {
    PAYMENT_PROVIDER("payment-provider-simulator", 5, null),
    CATALOG("catalog-service", 1, "catalog"),
    INVENTORY("inventory-service", 2, "inventory"),
    PAYMENT("payment-service", 4, "payments"),
    ORDER("order-service", 3, "orders"),
    GATEWAY("gateway", 0, null);

    private final String module;

    private final int portOffset;

    private final String database;

    ShopService(String module, int portOffset, String database) {
        this.module = module;
        this.portOffset = portOffset;
        this.database = database;
    }

    public String module() {
        return this.module;
    }

    /**
     * Whether it may run as several replicas: the four services behind the gateway. The gateway is
     * the one front door here, and the simulator plays one external provider.
     */
    public boolean scalable() {
        return this != GATEWAY && this != PAYMENT_PROVIDER;
    }

    /** The service whose module (and service) name this is. */
    public static ShopService of(String module) {
        for (ShopService service : values()) {
            if (service.module.equals(module)) {
                return service;
            }
        }
        throw new IllegalArgumentException("No service " + module);
    }

    /** Instances per service, from a map by module name (a scenario file's {@code replicas}). */
    public static Map<ShopService, Integer> replicas(Map<String, Integer> byModule) {
        Map<ShopService, Integer> replicas = new EnumMap<>(ShopService.class);
        byModule.forEach((module, count) -> replicas.put(of(module), count));
        return replicas;
    }

    public int port(int gatewayPort) {
        return gatewayPort + this.portOffset;
    }

    /** The service's own database, or null when it keeps no data. */
    public String database() {
        return this.database;
    }

    public Path jar(Path projectRoot) {
        return projectRoot.resolve(this.module).resolve("target").resolve(this.module + "-exec.jar");
    }
}
