package dev.oddshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How --replicas becomes instances, their names and their ports. */
class ReplicasTest {

    @Test
    void replicasNTakesEveryServiceThatScales() {
        PlatformConfig config = config(ShopLauncher.replicas(List.of("--reset", "--replicas", "2")));
        assertThat(config.instances())
                .extracting(ServiceInstance::name)
                .containsExactly(
                        "payment-provider-simulator",
                        "catalog-service",
                        "catalog-service-2",
                        "inventory-service",
                        "inventory-service-2",
                        "payment-service",
                        "payment-service-2",
                        "order-service",
                        "order-service-2",
                        "gateway");
        assertThat(config.url(new ServiceInstance(ShopService.ORDER, 2))).isEqualTo("http://localhost:8093");
        assertThat(config.ports()).isEqualTo(16);
    }

    @Test
    void replicasByNameTakeOnlyThoseNamed() {
        PlatformConfig config =
                config(ShopLauncher.replicas(List.of("--replicas", "order-service=3,catalog-service=2")));
        assertThat(config.instances(ShopService.ORDER))
                .extracting(instance -> config.url(instance))
                .containsExactly("http://localhost:8083", "http://localhost:8093", "http://localhost:8103");
        assertThat(config.replicas(ShopService.CATALOG)).isEqualTo(2);
        assertThat(config.replicas(ShopService.INVENTORY)).isEqualTo(1);
    }

    @Test
    void withoutTheOptionEachServiceRunsOnce() {
        PlatformConfig config = config(ShopLauncher.replicas(List.of("--reset")));
        assertThat(config.instances()).hasSize(ShopService.values().length);
        assertThat(config.ports()).isEqualTo(ShopService.values().length);
    }

    @Test
    void theFrontDoorAndTheProviderRunOnceAndBadValuesAreRefused() {
        assertThatThrownBy(() -> config(ShopLauncher.replicas(List.of("--replicas", "gateway=2"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config(ShopLauncher.replicas(List.of("--replicas", "payment-provider-simulator=2"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config(ShopLauncher.replicas(List.of("--replicas", "0"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShopLauncher.replicas(List.of("--replicas", "order-service=two")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShopLauncher.replicas(List.of("--replicas", "shop=2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShopLauncher.replicas(List.of("--replicas")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceInstance(ShopService.GATEWAY, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static PlatformConfig config(Map<ShopService, Integer> replicas) {
        return new PlatformConfig(
                Path.of("."), Path.of("run"), 8080, 15432, false, "t", "k", Map.of(), Duration.ofMinutes(1), replicas);
    }
}
