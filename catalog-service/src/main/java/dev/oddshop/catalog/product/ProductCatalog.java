package dev.oddshop.catalog.product;

import dev.oddshop.platform.web.ApiException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue's reads, each in one short read-only transaction: the controller strikes its
 * fault points before, so a slow handler never holds a database connection.
 */
@Service
@Transactional(readOnly = true)
class ProductCatalog {

    private final ProductRepository products;

    ProductCatalog(ProductRepository products) {
        this.products = products;
    }

    ProductPage search(String query, String category, int page, int size) {
        String pattern = "%" + escapeLike(query.strip().toLowerCase()) + "%";
        Page<Product> result = this.products.search(pattern, category, PageRequest.of(page, size, Sort.by("id")));
        return new ProductPage(result.map(Product::view).getContent(), page, size, result.getTotalElements());
    }

    ProductView product(long id) {
        return this.products.findById(id).map(Product::view).orElseThrow(() -> ApiException.notFound("Product", id));
    }

    Categories categories() {
        return new Categories(this.products.categories());
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
