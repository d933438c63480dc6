package dev.oddshop.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Choosing the matrix's pairs: all, named ones, a seeded sample, or a part. */
class FaultMatrixTest {

    private static final List<MatrixPair> PAIRS = IntStream.range(0, 10)
            .mapToObj(i -> new MatrixPair("service-" + i, "point." + i, "ERROR", null))
            .toList();

    @Test
    void aSeedDrawsTheSameSampleEveryTime() {
        List<MatrixPair> first = FaultMatrix.select(PAIRS, Map.of("sample", "2"), 42);
        assertThat(first).hasSize(2).isEqualTo(FaultMatrix.select(PAIRS, Map.of("sample", "2"), 42));
    }

    @Test
    void thePartsTogetherAreTheWholeMatrixOnce() {
        List<MatrixPair> parts = IntStream.rangeClosed(1, 3)
                .mapToObj(i -> FaultMatrix.select(PAIRS, Map.of("part", i + "/3"), 0))
                .flatMap(List::stream)
                .toList();
        assertThat(parts).containsExactlyInAnyOrderElementsOf(PAIRS);
    }

    @Test
    void namedPairsMustAllBeDeclared() {
        assertThat(FaultMatrix.select(PAIRS, Map.of("only", "service-3/point.3/ERROR"), 0))
                .extracting(MatrixPair::id)
                .containsExactly("service-3/point.3/ERROR");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FaultMatrix.select(PAIRS, Map.of("only", "service-3/point.3/LATENCY"), 0));
        assertThatIllegalArgumentException().isThrownBy(() -> FaultMatrix.select(PAIRS, Map.of("part", "4/3"), 0));
    }

    @Test
    void aCallPointsCulpritIsTheEdgeAndAHangIsNamedByLatency() {
        MatrixPair call =
                new MatrixPair("payment-service", "provider.call", "UNREACHABLE", "payment-provider-simulator");
        assertThat(call.culprit()).isEqualTo("payment-service -> payment-provider-simulator");
        MatrixPair hang = new MatrixPair("catalog-service", "catalog.search", "HANG", null);
        assertThat(hang.namedBy(new Suspect("catalog-service", "LATENCY", 1, "")))
                .isTrue();
        assertThat(hang.namedBy(new Suspect("catalog-service", "ERROR", 1, ""))).isFalse();
    }
}
