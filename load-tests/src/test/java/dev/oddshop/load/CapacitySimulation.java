package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The capacity benchmark: checkout arrivals step up as {@link CapacityPlan} says (shop.capacity.*
 * properties) and each customer opens a session, opens a cart, adds a product and checks out. At
 * the end it prints every step's checkout p50/p95 and failure share and the highest checkout rate
 * the platform sustained. No assertions: finding where it breaks is the point.
 */
public class CapacitySimulation extends Simulation {

    private final CapacityPlan plan = CapacityPlan.fromProperties();

    private final LatencySamples<Integer> checkouts = new LatencySamples<>();

    private final AtomicLong firstArrival = new AtomicLong(Long.MIN_VALUE);

    public CapacitySimulation() {
        ShopJourneys journeys = ShopJourneys.ofLiveCatalogue();
        setUp(scenario("capacity checkout")
                        .exec(this::arrive)
                        .exec(ShopJourneys.openSession(), journeys.fillCart(1), ShopJourneys.checkout())
                        .exec(this::recordCheckout)
                        .injectOpen(this.plan.injection()))
                .protocols(ShopJourneys.customerProtocol(LoadProperties.baseUrl()));
    }

    private Session arrive(Session session) {
        long now = System.nanoTime();
        this.firstArrival.compareAndSet(Long.MIN_VALUE, now);
        return session.set("arrivedAt", now)
                .set("step", this.plan.stepAt(Duration.ofNanos(now - this.firstArrival.get())));
    }

    /**
     * A checkout that never got an answer (e.g. its session or cart failed) counts with the time its
     * customer waited.
     */
    private Session recordCheckout(Session session) {
        long millis = session.contains("checkoutMillis")
                ? session.getInt("checkoutMillis")
                : Duration.ofNanos(System.nanoTime() - session.getLong("arrivedAt"))
                        .toMillis();
        this.checkouts.record(session.getInt("step"), millis, !session.isFailed());
        return session;
    }

    @Override
    public void after() {
        List<LatencySamples.Summary> steps = IntStream.range(0, this.plan.steps())
                .mapToObj(this.checkouts::summary)
                .toList();
        System.out.printf(
                "Checkout capacity: arrivals step up every %d s; sustained = p95 <= %d ms and <= %.1f %% failed%n",
                this.plan.stepDuration().toSeconds(), this.plan.p95Bound().toMillis(), this.plan.maxFailedPercent());
        System.out.println("  rate/s  checkouts  failed %  p50 ms  p95 ms  sustained");
        for (int step = 0; step < steps.size(); step++) {
            LatencySamples.Summary s = steps.get(step);
            System.out.printf(
                    "  %6.1f  %9d  %8.1f  %6d  %6d  %s%n",
                    this.plan.rate(step),
                    s.count(),
                    s.failedPercent(),
                    s.p50Millis(),
                    s.p95Millis(),
                    this.plan.sustained(s) ? "yes" : "no");
        }
        OptionalInt highest = this.plan.highestSustainedStep(steps);
        if (highest.isPresent()) {
            LatencySamples.Summary s = steps.get(highest.getAsInt());
            System.out.printf(
                    "Highest sustained checkout rate: %.1f/s (p95 %d ms, %.1f %% failed)%n",
                    this.plan.rate(highest.getAsInt()), s.p95Millis(), s.failedPercent());
            if (highest.getAsInt() == this.plan.steps() - 1) {
                System.out.println("The top step held: the limit lies higher (raise shop.capacity.steps or rateStep)");
            }
        } else {
            System.out.printf(
                    "Highest sustained checkout rate: none, the first step (%.1f/s) already broke the bound%n",
                    this.plan.rate(0));
        }
    }
}
