package dev.oddshop.inventory.reservation;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ReservationRepository extends Repository<Reservation, UUID> {

    Optional<Reservation> findById(UUID orderId);

    /** Serialises commit, release and the sweeper on one reservation. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Reservation r where r.orderId = :orderId")
    Optional<Reservation> findForUpdate(UUID orderId);

    /**
     * 1 if this transaction now owns the order id, 0 if it exists. A concurrent insert of the
     * same id makes this wait for that transaction, so the loser sees the winner's row.
     */
    @Modifying
    @Query(value = """
			insert into reservation (order_id, status, expires_at, created_at, updated_at)
			values (:orderId, :status, :expiresAt, now(), now())
			on conflict (order_id) do nothing
			""", nativeQuery = true)
    int insertIfAbsent(UUID orderId, String status, Instant expiresAt);

    @Modifying
    @Query(
            value =
                    "insert into reservation_line (order_id, product_id, quantity) values (:orderId, :productId, :quantity)",
            nativeQuery = true)
    void insertLine(UUID orderId, long productId, int quantity);

    /** Due reservations no other transaction holds, so several sweepers share the work. */
    @Query(value = """
			select * from reservation
			where status = 'ACTIVE' and expires_at <= :now
			order by expires_at
			limit :limit
			for update skip locked
			""", nativeQuery = true)
    List<Reservation> lockExpired(Instant now, int limit);
}
