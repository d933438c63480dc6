package dev.oddshop.inventory.stock;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public stock API; PUT is an admin surface (shop.admin.paths). */
@Tag(name = "stock", description = "Live stock per product")
@RestController
@RequestMapping("/api/inventory/stock")
class StockController {

    private final StockLevels levels;

    StockController(StockLevels levels) {
        this.levels = levels;
    }

    @Operation(
            summary = "Read a product's stock",
            description = "Available to sell, and reserved by checkouts in progress")
    @GetMapping("/{productId}")
    StockView stock(@PathVariable @Positive long productId) {
        return this.levels.of(productId);
    }

    /** Sets what can be sold; stock already reserved for orders stays reserved. */
    @Operation(summary = "Set a product's stock (admin)", description = "For drills: what can be sold from now on")
    @SecurityRequirement(name = "admin")
    @PutMapping("/{productId}")
    StockView setAvailable(@PathVariable @Positive long productId, @RequestBody @Valid StockUpdate update) {
        return this.levels.setAvailable(productId, update.available());
    }
}
