package dev.oddshop.provider.charge;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/** Every refund by idempotency key, and what each charge has given back; in memory like the charges. */
@Component
class RefundBook {

    /** A key's refund: the request that asked for it and the refund, completed once recorded. */
    record Entry(RefundRequest request, CompletableFuture<Refund> result) {}

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** Minor units refunded per charge id. */
    private final ConcurrentMap<String, Long> refundedByCharge = new ConcurrentHashMap<>();

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

    /**
     * Takes the amount from what is left of the charge, in one atomic step, so concurrent refunds
     * under different keys never give back more than was charged. False, taking nothing, when less
     * is left.
     */
    boolean take(Charge charge, long amountCents) {
        boolean[] taken = {false};
        this.refundedByCharge.compute(charge.id(), (id, refunded) -> {
            long before = refunded == null ? 0 : refunded;
            taken[0] = before + amountCents <= charge.amountCents();
            if (!taken[0]) {
                return refunded;
            }
            return before + amountCents;
        });
        return taken[0];
    }

    long left(Charge charge) {
        return charge.amountCents() - this.refundedByCharge.getOrDefault(charge.id(), 0L);
    }

    /** Every refund recorded; one still being recorded, or refused, is none. */
    List<Refund> refunds() {
        return this.entries.values().stream()
                .map(Entry::result)
                .filter(result -> result.isDone() && !result.isCompletedExceptionally())
                .map(CompletableFuture::join)
                .toList();
    }
}
