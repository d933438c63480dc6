package dev.oddshop.inventory.stock;

import dev.oddshop.platform.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What can be sold of each product, read and set, each in its own short transaction. */
@Service
class StockLevels {

    private final StockRepository stock;

    StockLevels(StockRepository stock) {
        this.stock = stock;
    }

    @Transactional(readOnly = true)
    StockView of(long productId) {
        return this.stock
                .findById(productId)
                .map(Stock::view)
                .orElseThrow(() -> ApiException.notFound("Stock of product", productId));
    }

    /** Sets what can be sold; stock already reserved for orders stays reserved. */
    @Transactional
    StockView setAvailable(long productId, int available) {
        this.stock.upsertAvailable(productId, available);
        return this.stock.findById(productId).map(Stock::view).orElseThrow();
    }
}
