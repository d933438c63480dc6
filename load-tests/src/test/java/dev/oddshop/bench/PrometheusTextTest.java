package dev.oddshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String EXPOSITION = """
            # HELP jvm_gc_pause_seconds Time spent in GC pause
            # TYPE jvm_gc_pause_seconds summary
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 12
            jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.25
            jvm_gc_pause_seconds_sum{action="end of major GC",cause="System.gc()",gc="G1 Old Generation"} 0.5
            jvm_gc_pause_seconds_max{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.0
            jvm_gc_memory_allocated_bytes_total 1.048576E7
            shop_orders_total{application="order-service",outcome="confirmed"} 40.0
            shop_orders_total{application="order-service",outcome="failed"} 3.0
            shop_orders_total_extra 99
            """;

    @Test
    void sumsEverySampleOfTheMetricWithTheLabels() {
        assertThat(PrometheusText.sum(EXPOSITION, "jvm_gc_pause_seconds_sum", ""))
                .isEqualTo(0.75);
        assertThat(PrometheusText.sum(EXPOSITION, "jvm_gc_memory_allocated_bytes_total", ""))
                .isEqualTo(10_485_760);
        assertThat(PrometheusText.sum(EXPOSITION, "shop_orders_total", "outcome=\"confirmed\""))
                .isEqualTo(40);
    }

    @Test
    void aMetricWhoseNameOnlyStartsTheSameIsAnother() {
        assertThat(PrometheusText.sum(EXPOSITION, "shop_orders_total", "")).isEqualTo(43);
        assertThat(PrometheusText.sum(EXPOSITION, "jvm_gc_pause_seconds", "")).isZero();
    }

    @Test
    void aMetricTheServiceDoesNotHaveIsZero() {
        assertThat(PrometheusText.sum(EXPOSITION, "shop_revenue_cents_total", ""))
                .isZero();
    }
}
