package dev.oddshop.catalog.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import dev.oddshop.catalog.CatalogFaultPoints;
import dev.oddshop.platform.fault.FaultPoints;
import dev.oddshop.platform.web.ApiException;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/catalog/products")
@Transactional(readOnly = true)
class ProductController {

	private final ProductRepository products;

	private final FaultPoints faults;

	ProductController(ProductRepository products, FaultPoints faults) {
		this.products = products;
		this.faults = faults;
	}

	@GetMapping
	ProductPage search(@RequestParam(defaultValue = "") @Size(max = 100) String q,
			@RequestParam(defaultValue = "") @Pattern(regexp = "[a-z-]{0,40}") String category,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		this.faults.strike(CatalogFaultPoints.SEARCH);
		String pattern = "%" + escapeLike(q.strip().toLowerCase()) + "%";
		Page<Product> result = this.products.search(pattern, category, PageRequest.of(page, size, Sort.by("id")));
		return new ProductPage(result.map(Product::view).getContent(), page, size, result.getTotalElements());
	}

	@GetMapping("/{id}")
	ProductView product(@PathVariable @Positive long id) {
		this.faults.strike(CatalogFaultPoints.PRODUCT);
		return this.products.findById(id).map(Product::view).orElseThrow(() -> ApiException.notFound("Product", id));
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
