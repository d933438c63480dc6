package dev.oddshop.provider.charge;

import java.util.List;
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
            return this.result.isDone() && !this.result.isCompletedExceptionally()
                    ? this.result.join()
                    : this.processing;
        }
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** The same entries by charge id: refunds name the charge, not the key it was made with. */
    private final ConcurrentMap<String, Entry> byChargeId = new ConcurrentHashMap<>();

    Optional<Entry> find(String key) {
        return Optional.ofNullable(this.entries.get(key));
    }

    Optional<Charge> findCharge(String chargeId) {
        return Optional.ofNullable(this.byChargeId.get(chargeId)).map(Entry::current);
    }

    /** Records the entry unless the key has one; answers the existing entry, or null if it was recorded. */
    Entry putIfAbsent(String key, Entry entry) {
        Entry existing = this.entries.putIfAbsent(key, entry);
        if (existing == null) {
            this.byChargeId.put(entry.processing().id(), entry);
        }
        return existing;
    }

    void remove(String key, Entry entry) {
        if (this.entries.remove(key, entry)) {
            this.byChargeId.remove(entry.processing().id(), entry);
        }
    }

    /** Every charge as it stands now. */
    List<Charge> charges() {
        return this.entries.values().stream().map(Entry::current).toList();
    }
}
