package dev.oddshop.catalog.product;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A product of the catalogue with its current price. Read-only for the shop. */
@Entity
@Table(name = "product")
public class Product {

    @Id
    private long id;

    private String sku;

    private String name;

    private String category;

    private String description;

    @Column(name = "price_cents")
    private long priceCents;

    private String currency;

    protected Product() {}

    public ProductView view() {
        return new ProductView(
                this.id, this.sku, this.name, this.category, this.description, this.priceCents, this.currency);
    }
}
