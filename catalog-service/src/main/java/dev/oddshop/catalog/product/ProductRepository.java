package dev.oddshop.catalog.product;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ProductRepository extends Repository<Product, Long> {

    Optional<Product> findById(long id);

    /** {@code pattern} is a lower-case LIKE pattern; an empty category means every category. */
    @Query("""
			select p from Product p
			where (lower(p.name) like :pattern or lower(p.sku) like :pattern)
			  and (:category = '' or p.category = :category)
			""")
    Page<Product> search(String pattern, String category, Pageable pageable);

    @Query("select distinct p.category from Product p order by p.category")
    List<String> categories();
}
