package dev.oddshop.inventory.stock;

import dev.oddshop.platform.web.ApiException;
import java.util.Map;
import java.util.SortedMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stock movements other features may make. Quantities come keyed by product in ascending
 * order so concurrent transactions lock stock rows in the same order and cannot deadlock.
 * Callers own the transaction: a refusal rolls back everything they did before.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class StockLedger {

    private final StockRepository stock;

    StockLedger(StockRepository stock) {
        this.stock = stock;
    }

    /**
     * Refuses at once, without waiting for a row lock, what the stock cannot cover now: once a
     * flash sale sells out, the late buyers get their 409 without queueing behind the hot row.
     * {@link #reserve} still decides, under the lock.
     */
    public void requireAvailable(SortedMap<Long, Integer> quantities) {
        quantities.forEach((productId, quantity) -> {
            if (this.stock.countAvailable(productId, quantity) == 0) {
                throw unavailable(productId);
            }
        });
    }

    /** Reserves every quantity, or throws 404 / 409 insufficient-stock. */
    public void reserve(SortedMap<Long, Integer> quantities) {
        quantities.forEach((productId, quantity) -> {
            if (this.stock.reserve(productId, quantity) == 0) {
                throw unavailable(productId);
            }
        });
    }

    /** Reserved stock leaves the shop. */
    public void commitReserved(SortedMap<Long, Integer> quantities) {
        quantities.forEach(
                (productId, quantity) -> expectOne(this.stock.commitReserved(productId, quantity), productId));
    }

    /** Takes stock that is no longer reserved straight out of available, or throws 409. */
    public void commitAvailable(SortedMap<Long, Integer> quantities) {
        quantities.forEach((productId, quantity) -> {
            if (this.stock.commitAvailable(productId, quantity) == 0) {
                throw unavailable(productId);
            }
        });
    }

    /** Reserved stock goes back on sale. */
    public void release(SortedMap<Long, Integer> quantities) {
        quantities.forEach((productId, quantity) -> expectOne(this.stock.release(productId, quantity), productId));
    }

    private ApiException unavailable(long productId) {
        if (!this.stock.existsById(productId)) {
            return ApiException.notFound("Product", productId);
        }
        return new ApiException(
                HttpStatus.CONFLICT,
                "insufficient-stock",
                "Not enough stock of product " + productId + " to cover the reservation",
                Map.of("productId", productId));
    }

    // Reserved quantities are only ever moved by their own reservation, so a miss is a bug, not a client error.
    private static void expectOne(int rows, long productId) {
        if (rows != 1) {
            throw new IllegalStateException("Reserved stock of product " + productId + " is inconsistent");
        }
    }
}
