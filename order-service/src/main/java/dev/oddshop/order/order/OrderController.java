package dev.oddshop.order.order;

import java.util.UUID;

import dev.oddshop.platform.web.ApiException;
import dev.oddshop.platform.web.CustomerId;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {

	private final OrderRepository orders;

	OrderController(OrderRepository orders) {
		this.orders = orders;
	}

	@GetMapping("/api/orders/{orderId}")
	@Transactional(readOnly = true)
	OrderView get(CustomerId customer, @PathVariable UUID orderId) {
		return this.orders.findById(orderId)
			.filter(order -> order.customerId().equals(customer.value()))
			.map(OrderView::of)
			.orElseThrow(() -> ApiException.notFound("Order", orderId));
	}

}
