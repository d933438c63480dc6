package dev.oddshop.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

/** Parallel requests over real HTTP must never oversell nor double-reserve. Products 300..310. */
class ReservationConcurrencyTest extends InventoryTestSupport {

    @Test
    void hundredBuyersForThirtyItemsGetExactlyThirty() throws Exception {
        setStock(300, 30);
        List<EntityExchangeResult<String>> results =
                inParallel(100, i -> reserve(UUID.randomUUID(), ReservationLifecycleTest.items(Map.of(300L, 1))));

        Map<Integer, Long> byStatus = results.stream()
                .collect(Collectors.groupingBy(r -> r.getStatus().value(), Collectors.counting()));
        assertThat(byStatus).isEqualTo(Map.of(201, 30L, 409, 70L));
        assertThat(results)
                .filteredOn(r -> r.getStatus().value() == 409)
                .allSatisfy(r -> assertThat(r.getResponseBody()).contains("/problems/insufficient-stock"));
        assertStock(300, 0, 30);
    }

    @Test
    void theSameOrderReservedInParallelTakesStockOnce() throws Exception {
        setStock(301, 50);
        UUID order = UUID.randomUUID();
        List<EntityExchangeResult<String>> results =
                inParallel(20, i -> reserve(order, ReservationLifecycleTest.items(Map.of(301L, 2))));

        Map<Integer, Long> byStatus = results.stream()
                .collect(Collectors.groupingBy(r -> r.getStatus().value(), Collectors.counting()));
        assertThat(byStatus).isEqualTo(Map.of(201, 1L, 200, 19L));
        assertStock(301, 48, 2);
    }

    private List<EntityExchangeResult<String>> inParallel(
            int requests,
            Function<Integer, org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<EntityExchangeResult<String>>> tasks = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int n = i;
                tasks.add(() -> call.apply(n).expectBody(String.class).returnResult());
            }
            List<EntityExchangeResult<String>> results = new ArrayList<>();
            for (Future<EntityExchangeResult<String>> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
