package dev.oddshop.inventory.stock;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

import dev.oddshop.platform.web.ApiException;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public stock API; PUT is an admin surface (shop.admin.paths). */
@RestController
@RequestMapping("/api/inventory/stock")
class StockController {

	private final StockRepository stock;

	StockController(StockRepository stock) {
		this.stock = stock;
	}

	@GetMapping("/{productId}")
	@Transactional(readOnly = true)
	StockView stock(@PathVariable @Positive long productId) {
		return this.stock.findById(productId)
			.map(Stock::view)
			.orElseThrow(() -> ApiException.notFound("Stock of product", productId));
	}

	/** Sets what can be sold; stock already reserved for orders stays reserved. */
	@PutMapping("/{productId}")
	@Transactional
	StockView setAvailable(@PathVariable @Positive long productId, @RequestBody @Valid StockUpdate update) {
		this.stock.upsertAvailable(productId, update.available());
		return this.stock.findById(productId).map(Stock::view).orElseThrow();
	}

}
