package dev.oddshop.inventory.stock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The stock of one product. Read through JPA; every change is an atomic SQL statement in
 * {@link StockRepository} so concurrent requests can never oversell.
 */
@Entity
@Table(name = "stock")
class Stock {

    @Id
    @Column(name = "product_id")
    private long productId;

    private int available;

    private int reserved;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Stock() {}

    StockView view() {
        return new StockView(this.productId, this.available, this.reserved);
    }
}
