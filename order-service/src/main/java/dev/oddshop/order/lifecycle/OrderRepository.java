package dev.oddshop.order.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

public interface OrderRepository extends Repository<Order, UUID> {

    Order save(Order order);

    Optional<Order> findById(UUID id);

    Optional<Order> findByCustomerIdAndIdempotencyKey(String customerId, String idempotencyKey);

    long countByStatus(OrderStatus status);

    List<Order> findByStatusAndUpdatedAtBeforeOrderByUpdatedAt(OrderStatus status, Instant before, Limit limit);
}
