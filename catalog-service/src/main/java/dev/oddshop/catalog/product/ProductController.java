package dev.oddshop.catalog.product;

import dev.oddshop.catalog.CatalogFaultPoints;
import dev.oddshop.platform.fault.FaultPoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "catalog", description = "The product catalogue")
@RestController
@RequestMapping("/api/catalog/products")
class ProductController {

    private final ProductCatalog catalog;

    private final FaultPoints faults;

    ProductController(ProductCatalog catalog, FaultPoints faults) {
        this.catalog = catalog;
        this.faults = faults;
    }

    @Operation(
            summary = "List and search products",
            description = "A page of products, matching the words in q and the category when given")
    @GetMapping
    ProductPage search(
            @RequestParam(defaultValue = "") @Size(max = 100) String q,
            @RequestParam(defaultValue = "") @Pattern(regexp = "[a-z-]{0,40}") String category,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        this.faults.strike(CatalogFaultPoints.SEARCH);
        return this.catalog.search(q, category, page, size);
    }

    @Operation(summary = "Read one product", description = "The product with its price")
    @GetMapping("/{id}")
    ProductView product(@PathVariable @Positive long id) {
        this.faults.strike(CatalogFaultPoints.PRODUCT);
        return this.catalog.product(id);
    }
}
