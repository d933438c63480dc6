package dev.oddshop.catalog.product;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "catalog", description = "The product catalogue")
@RestController
class CategoryController {

    private final ProductCatalog catalog;

    CategoryController(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @Operation(summary = "List the categories", description = "Every category that has products, in order")
    @GetMapping("/api/catalog/categories")
    ResponseEntity<Categories> categories() {
        // they change with a migration, not during a session: a storefront may keep them a minute
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(this.catalog.categories());
    }
}
