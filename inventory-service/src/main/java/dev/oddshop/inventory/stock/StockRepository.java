package dev.oddshop.inventory.stock;

import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Each change is one conditional statement: PostgreSQL re-checks the condition after waiting
 * for a row lock, so the check and the change cannot be split by another transaction.
 */
interface StockRepository extends Repository<Stock, Long> {

    Optional<Stock> findById(long productId);

    boolean existsById(long productId);

    @Modifying
    @Query(value = """
			insert into stock (product_id, available, reserved, updated_at) values (:productId, :available, 0, now())
			on conflict (product_id) do update set available = excluded.available, updated_at = now()
			""", nativeQuery = true)
    void upsertAvailable(long productId, int available);

    /** 1 when the product has the quantity available now; a plain read that waits for no lock. */
    @Query(
            value = "select count(*) from stock where product_id = :productId and available >= :quantity",
            nativeQuery = true)
    int countAvailable(long productId, int quantity);

    /** Moves {@code quantity} from available to reserved; 0 rows means not enough (or no such product). */
    @Modifying
    @Query(value = """
			update stock set available = available - :quantity, reserved = reserved + :quantity, updated_at = now()
			where product_id = :productId and available >= :quantity
			""", nativeQuery = true)
    int reserve(long productId, int quantity);

    /** Reserved stock leaves the shop. */
    @Modifying
    @Query(value = """
			update stock set reserved = reserved - :quantity, updated_at = now()
			where product_id = :productId and reserved >= :quantity
			""", nativeQuery = true)
    int commitReserved(long productId, int quantity);

    /** Available stock leaves the shop directly (committing a reservation that had expired). */
    @Modifying
    @Query(value = """
			update stock set available = available - :quantity, updated_at = now()
			where product_id = :productId and available >= :quantity
			""", nativeQuery = true)
    int commitAvailable(long productId, int quantity);

    /** Reserved stock goes back on sale. */
    @Modifying
    @Query(value = """
			update stock set available = available + :quantity, reserved = reserved - :quantity, updated_at = now()
			where product_id = :productId and reserved >= :quantity
			""", nativeQuery = true)
    int release(long productId, int quantity);
}
