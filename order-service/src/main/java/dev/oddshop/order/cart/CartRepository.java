package dev.oddshop.order.cart;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

public interface CartRepository extends Repository<Cart, UUID> {

    Cart save(Cart cart);

    Optional<Cart> findById(UUID id);

    /** Moves the cart from one status to another only if it is in the first; 1 when it was. */
    @Modifying(clearAutomatically = true)
    @Query("""
			update Cart c set c.status = :to, c.updatedAt = :now, c.version = c.version + 1
			where c.id = :id and c.status = :from
			""")
    int transition(UUID id, CartStatus from, CartStatus to, Instant now);
}
