package dev.oddshop.drill;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.oddshop.drill.PhaseSignals.ServiceSignals;

/**
 * Ranks (service, fault kind) suspects from the telemetry alone, the fault phase against the
 * baseline, as an on-call engineer reasons: where did the time or the errors originate (not
 * merely pass through), and what resource or business signal moved there. The scores are
 * plain weights; the drill grades the ranking against the scenario's ground truth.
 */
final class SuspectRanking {

	/** Each service's database, for the database's own view of waits. */
	private static final Map<String, String> DATABASES = Map.of("inventory-service", "inventory", "order-service",
			"orders", "payment-service", "payments", "catalog-service", "catalog");

	private final Map<String, Suspect> suspects = new LinkedHashMap<>();

	static List<Suspect> rank(PhaseSignals baseline, PhaseSignals fault) {
		SuspectRanking ranking = new SuspectRanking();
		ranking.business(baseline.business(), fault.business(), revenueKept(baseline, fault));
		fault.services().forEach((service, during) -> {
			ServiceSignals before = baseline.services().get(service);
			if (before != null && !service.equals("gateway")) {
				ranking.service(service, before, during, waits(baseline, service), waits(fault, service));
			}
		});
		return ranking.suspects.values()
			.stream()
			.sorted(Comparator.comparingDouble(Suspect::score).reversed())
			.toList();
	}

	private static PhaseSignals.DatabaseWaits waits(PhaseSignals signals, String service) {
		return signals.databaseWaits().getOrDefault(DATABASES.getOrDefault(service, ""), new PhaseSignals.DatabaseWaits(0, 0));
	}

	/** The fault phase's revenue per minute as a share of the baseline's, at most 1. */
	private static double revenueKept(PhaseSignals baseline, PhaseSignals fault) {
		double before = baseline.slis().revenuePerMinute();
		return before > 0 ? Math.min(1, fault.slis().revenuePerMinute() / before) : 1;
	}

	private void business(PhaseSignals.Business before, PhaseSignals.Business during, double revenueKept) {
		if (during.capturesNeverSent() > 0) {
			add("payment-service", "NEVER_SETTLED", 15 + during.capturesNeverSent() / 10,
					"%.0f payments captured with no provider call (shop_payments_total{provider_result=\"not_sent\"})"
						.formatted(during.capturesNeverSent()));
		}
		// weighed by the revenue left: on a trickle of sales, one order settled across the window's
		// edge looks like a large shortfall (the checkout incident once ranked WRONG_AMOUNT first so)
		if (during.settledShortfallRatio() * revenueKept > 0.02 && during.capturesNeverSent() == 0) {
			add("payment-service", "WRONG_AMOUNT", 12 + 10 * during.settledShortfallRatio(),
					"provider settled %.0f%% less than the revenue, though every capture was sent"
						.formatted(100 * during.settledShortfallRatio()));
		}
		double declines = during.declineShare() - before.declineShare();
		if (declines > 0.05) {
			add("payment-provider-simulator", "DECLINE", 10 + 20 * declines,
					"declined payments %.0f%% -> %.0f%% while the provider answers 200"
						.formatted(100 * before.declineShare(), 100 * during.declineShare()));
		}
		if (during.stormRetryCalls() > 0) {
			add("payment-service", "RETRY_STORM", 12 + during.providerCallsPerPayment(),
					"the provider-storm retry ran %.0f times; %.1f provider calls per payment (baseline %.1f)"
						.formatted(during.stormRetryCalls(), during.providerCallsPerPayment(),
								before.providerCallsPerPayment()));
		}
	}

	private void service(String service, ServiceSignals before, ServiceSignals during,
			PhaseSignals.DatabaseWaits waitsBefore, PhaseSignals.DatabaseWaits waitsDuring) {
		double heap = during.liveHeapRatio() - before.liveHeapRatio();
		if (heap > 0.15) {
			add(service, "MEMORY_LEAK", 10 + 20 * heap, "heap after GC %.0f%% -> %.0f%% of its maximum"
				.formatted(100 * before.liveHeapRatio(), 100 * during.liveHeapRatio()));
		}
		double errors = during.errorRatio() - before.errorRatio();
		if (errors > 0.05) {
			add(service, "ERROR", 3 + 10 * errors, "5xx share of its requests %.0f%% -> %.0f%%"
				.formatted(100 * before.errorRatio(), 100 * during.errorRatio()));
		}
		// time the service spends itself, not waiting for its HTTP dependencies: where latency originates
		double own = during.ownSecondsPerRequest() - before.ownSecondsPerRequest();
		if (own < 0.05) {
			return;
		}
		double origin = 4 * Math.min(own, 5);
		String latency = "own time per request %.0f ms -> %.0f ms (not spent in its dependencies)"
			.formatted(1000 * before.ownSecondsPerRequest(), 1000 * during.ownSecondsPerRequest());
		boolean explained = false;
		double cpu = during.cpu() - before.cpu();
		if (cpu > 0.1) {
			add(service, "CPU_HOT_LOOP", origin + 20 * cpu, latency + "; CPU %.0f%% -> %.0f%%"
				.formatted(100 * before.cpu(), 100 * during.cpu()));
			explained = true;
		}
		if (waitsDuring.sleep() > waitsBefore.sleep()) {
			add(service, "SLOW_SQL", origin + 6, latency + "; its database busy in long statements (%d samples)"
				.formatted(waitsDuring.sleep()));
			explained = true;
		}
		if (waitsDuring.lock() > waitsBefore.lock()) {
			add(service, "LOCK_CONTENTION", origin + 5 + Math.min(waitsDuring.lock(), 10) / 2.0,
					latency + "; sessions waiting on row locks (%d samples)".formatted(waitsDuring.lock()));
			explained = true;
		}
		if (during.poolPending() > before.poolPending()) {
			add(service, "POOL_EXHAUSTION", origin + 3 + Math.min(during.poolPending(), 20) / 4,
					latency + "; up to %.0f requests waiting for a connection".formatted(during.poolPending()));
			explained = true;
		}
		if (during.blockedThreads() - before.blockedThreads() >= 3) {
			add(service, "THREAD_SATURATION", origin + 4, latency + "; up to %.0f threads BLOCKED"
				.formatted(during.blockedThreads()));
			explained = true;
		}
		add(service, "LATENCY", explained ? origin / 2 : origin, latency);
	}

	private void add(String service, String kind, double score, String evidence) {
		this.suspects.merge(service + "/" + kind, new Suspect(service, kind, score, evidence),
				(a, b) -> a.score() >= b.score() ? a : b);
	}

}
