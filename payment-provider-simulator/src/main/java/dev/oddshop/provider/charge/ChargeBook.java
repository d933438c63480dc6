package dev.oddshop.provider.charge;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

/**
 * Every charge by idempotency key. In memory on purpose: this is a simulator, and a restart
 * that forgets charges is itself a realistic "provider has no record" case for reconciliation.
 */
@Component
class ChargeBook {

	/** A key's charge: the request that created it and the charge, completed once processed. */
	record Entry(ChargeRequest request, Charge processing, CompletableFuture<Charge> result) {

		/** The charge as it stands now: processing until its result completes. */
		Charge current() {
			return this.result.isDone() && !this.result.isCompletedExceptionally() ? this.result.join()
					: this.processing;
		}

	}

	private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

	Optional<Entry> find(String key) {
		return Optional.ofNullable(this.entries.get(key));
	}

	/** Records the entry unless the key has one; answers the existing entry, or null if it was recorded. */
	Entry putIfAbsent(String key, Entry entry) {
		return this.entries.putIfAbsent(key, entry);
	}

	void remove(String key, Entry entry) {
		this.entries.remove(key, entry);
	}

	Ledger ledger() {
		long charges = 0;
		long succeeded = 0;
		long amount = 0;
		for (Entry entry : this.entries.values()) {
			Charge charge = entry.current();
			charges++;
			if (charge.status() == ChargeStatus.SUCCEEDED) {
				succeeded++;
				amount += charge.amountCents();
			}
		}
		return new Ledger(charges, succeeded, amount);
	}

}
