package dev.oddshop.payment.payment;

import java.util.Optional;
import java.util.UUID;

import dev.oddshop.payment.provider.AttemptOutcome;
import dev.oddshop.payment.provider.ChargeCall;
import dev.oddshop.payment.provider.ProviderCharge;
import dev.oddshop.payment.provider.ProviderChargeRequest;
import dev.oddshop.payment.provider.ProviderClient;
import dev.oddshop.platform.web.ApiException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Charges each order at most once. The payment row is written before the provider is called
 * and settled after, each in its own short transaction; an unknown outcome stays PENDING and is
 * reconciled by lookup.
 */
@Service
public class PaymentService {

	private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

	private final PaymentRecords records;

	private final PaymentReconciler reconciler;

	private final ProviderClient provider;

	PaymentService(PaymentRecords records, PaymentReconciler reconciler, ProviderClient provider) {
		this.records = records;
		this.reconciler = reconciler;
		this.provider = provider;
	}

	public PaymentView charge(ChargeRequest request) {
		Optional<Payment> existing = this.records.find(request.orderId());
		if (existing.isPresent()) {
			return this.reconciler.reconcile(existing.get()).view();
		}
		Payment payment;
		try {
			payment = this.records.insert(Payment.pending(request));
		}
		catch (DataIntegrityViolationException duplicate) {
			// a concurrent request for the same order won: answer with its payment, never charge twice
			return this.reconciler.reconcile(this.records.find(request.orderId()).orElseThrow()).view();
		}
		return chargeProvider(payment, request).view();
	}

	public Optional<PaymentView> find(UUID orderId) {
		return this.records.find(orderId).map(this.reconciler::reconcile).map(Payment::view);
	}

	/** The customer's payment of the order; another customer's looks like none. */
	public Optional<PaymentView> find(UUID orderId, String customerId) {
		return this.records.find(orderId)
			.filter(payment -> payment.belongsTo(customerId))
			.map(this.reconciler::reconcile)
			.map(Payment::view);
	}

	/**
	 * Makes sure the order is never charged from now on: stores a FAILED tombstone when no charge
	 * was asked for yet; a PENDING payment whose outcome is still unknown is a 409.
	 */
	public PaymentView cancel(UUID orderId) {
		Optional<Payment> existing = this.records.find(orderId);
		if (existing.isEmpty()) {
			try {
				Payment tombstone = this.records.insert(Payment.tombstone(orderId));
				log.info("Payment of order {} cancelled before any charge", orderId);
				return tombstone.view();
			}
			catch (DataIntegrityViolationException raced) {
				existing = this.records.find(orderId);
			}
		}
		Payment payment = this.reconciler.reconcile(existing.orElseThrow());
		if (!payment.status().isFinal()) {
			throw ApiException.conflict("payment-pending",
					"The payment of order " + orderId + " is still pending at the provider; ask again later");
		}
		return payment.view();
	}

	private Payment chargeProvider(Payment payment, ChargeRequest request) {
		ChargeCall call = new ChargeCall(payment.orderId(),
				new ProviderChargeRequest(request.amountCents(), request.currency(), request.cardToken(),
						request.orderId().toString()),
				attempt -> this.records.recordAttempt(payment.id(), attempt));
		Settlement settlement;
		try (MDC.MDCCloseable ignored = MDC.putCloseable("orderId", payment.orderId().toString())) {
			settlement = settlementOf(this.provider.charge(call));
		}
		catch (RuntimeException ex) {
			settlement = settlementOf(ex, call);
		}
		Payment settled = this.records.settle(payment.orderId(), settlement, call.attempts());
		if (settled.status() == PaymentStatus.FAILED || settled.status() == PaymentStatus.PENDING) {
			log.warn("Payment of order {} is {} after {} attempt(s): {}", payment.orderId(), settled.status(),
					call.attempts(), settlement.failureReason());
		}
		return settled;
	}

	private static Settlement settlementOf(ProviderCharge charge) {
		if (charge.succeeded()) {
			return Settlement.captured(charge.id());
		}
		if (charge.declined()) {
			return Settlement.declined(charge.id(), charge.declineCode());
		}
		return Settlement.pending("provider still processing");
	}

	/**
	 * A failed call: FAILED when the provider certainly did not charge, PENDING when some attempt
	 * was sent but never answered (it may have charged; reconciliation will tell).
	 */
	private static Settlement settlementOf(RuntimeException failure, ChargeCall call) {
		if (call.outcomeUnknown()) {
			return Settlement.pending(switch (call.unknownOutcome()) {
				case TIMEOUT -> "provider timeout";
				case CONNECTION_LOST -> "provider connection lost";
				default -> "provider still processing";
			});
		}
		return Settlement.failed(switch (failure) {
			case CallNotPermittedException ignored -> "provider circuit breaker open";
			case BulkheadFullException ignored -> "too many concurrent provider calls";
			default -> switch (AttemptOutcome.of(failure)) {
				case REJECTED -> "provider refused the charge: " + ProviderClient.describe(failure);
				case SERVER_ERROR -> "provider error after " + call.attempts() + " attempt(s): "
						+ ProviderClient.describe(failure);
				case UNREACHABLE -> "provider unreachable after " + call.attempts() + " attempt(s)";
				default -> "provider call failed: " + ProviderClient.describe(failure);
			};
		});
	}

}
