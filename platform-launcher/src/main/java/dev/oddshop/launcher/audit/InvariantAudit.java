package dev.oddshop.launcher.audit;

import dev.oddshop.launcher.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/**
 * The shop's invariants, checked in its databases after a run: every order final, no stock below
 * zero or left reserved, one payment per order, captured payments == confirmed orders (in number
 * and in money), every successful provider charge either captured or refunded here (less the
 * captures a silent-failure fault never sent), and every refund here one at the provider.
 */
public final class InvariantAudit {

    private final UnaryOperator<String> jdbcUrlOfDatabase;

    private final String username;

    private final String password;

    /** @param jdbcUrlOfDatabase the JDBC URL of each service's database, by name (orders, payments, inventory) */
    public InvariantAudit(UnaryOperator<String> jdbcUrlOfDatabase, String username, String password) {
        this.jdbcUrlOfDatabase = jdbcUrlOfDatabase;
        this.username = username;
        this.password = password;
    }

    public InvariantAudit(EmbeddedPostgresServer postgres) {
        this(postgres::jdbcUrl, postgres.username(), postgres.password());
    }

    /** The figures an audit compares. */
    public record Figures(
            long pendingOrders,
            long confirmedOrders,
            long confirmedRevenueCents,
            long capturedPayments,
            long capturedCents,
            long capturesNeverSent,
            long refundedPayments,
            long refundedCents,
            long negativeStock,
            long reservedStock,
            long ordersWithSeveralPayments) {

        /**
         * What happened since {@code before}, for an audit of one run on a platform that served
         * others first: the totals as differences, the states (orders pending, stock below zero or
         * reserved) as they are now. Taken between runs, when no checkout is in flight.
         */
        public Figures since(Figures before) {
            return new Figures(
                    this.pendingOrders,
                    this.confirmedOrders - before.confirmedOrders,
                    this.confirmedRevenueCents - before.confirmedRevenueCents,
                    this.capturedPayments - before.capturedPayments,
                    this.capturedCents - before.capturedCents,
                    this.capturesNeverSent - before.capturesNeverSent,
                    this.refundedPayments - before.refundedPayments,
                    this.refundedCents - before.refundedCents,
                    this.negativeStock,
                    this.reservedStock,
                    this.ordersWithSeveralPayments - before.ordersWithSeveralPayments);
        }
    }

    /** What the provider's ledger ({@code GET /v1/ledger}) says it did. */
    public record ProviderLedger(long succeeded, long refunds, long refundedAmountCents) {

        /** What the provider did since {@code before}. */
        public ProviderLedger since(ProviderLedger before) {
            return new ProviderLedger(
                    this.succeeded - before.succeeded,
                    this.refunds - before.refunds,
                    this.refundedAmountCents - before.refundedAmountCents);
        }

        /** The ledger from its JSON, read by {@code field} (a field's name to its number). */
        public static ProviderLedger of(ToLongFunction<String> field) {
            return new ProviderLedger(
                    field.applyAsLong("succeeded"),
                    field.applyAsLong("refunds"),
                    field.applyAsLong("refundedAmountCents"));
        }
    }

    public Figures figures() throws SQLException {
        return new Figures(
                count("orders", "select count(*) from orders where status = 'PENDING'"),
                count("orders", "select count(*) from orders where status = 'CONFIRMED'"),
                count("orders", "select coalesce(sum(total_cents), 0) from orders where status = 'CONFIRMED'"),
                count("payments", "select count(*) from payment where status = 'CAPTURED'"),
                count("payments", "select coalesce(sum(amount_cents), 0) from payment where status = 'CAPTURED'"),
                count("payments", "select count(*) from payment where status = 'CAPTURED' and attempts = 0"),
                count("payments", "select count(*) from payment where status = 'REFUNDED'"),
                count("payments", "select coalesce(sum(amount_cents), 0) from payment where status = 'REFUNDED'"),
                count("inventory", "select count(*) from stock where available < 0 or reserved < 0"),
                count("inventory", "select coalesce(sum(reserved), 0) from stock"),
                count(
                        "payments",
                        "select count(*) from (select order_id from payment group by order_id "
                                + "having count(*) > 1) d"));
    }

    /** What is wrong, in words; empty when all holds. */
    public List<String> findings(Figures figures, ProviderLedger provider) {
        List<String> findings = new ArrayList<>();
        if (figures.pendingOrders() > 0) {
            findings.add(figures.pendingOrders() + " order(s) still PENDING");
        }
        if (figures.negativeStock() > 0) {
            findings.add(figures.negativeStock() + " stock row(s) below zero: oversold");
        }
        if (figures.reservedStock() > 0) {
            findings.add(figures.reservedStock() + " item(s) still reserved");
        }
        if (figures.ordersWithSeveralPayments() > 0) {
            findings.add(figures.ordersWithSeveralPayments() + " order(s) with more than one payment");
        }
        if (figures.capturedPayments() != figures.confirmedOrders()) {
            findings.add(figures.capturedPayments() + " captured payments but " + figures.confirmedOrders()
                    + " confirmed orders");
        }
        if (figures.capturedCents() != figures.confirmedRevenueCents()) {
            findings.add(figures.capturedCents() + " cents captured but " + figures.confirmedRevenueCents()
                    + " cents of confirmed orders");
        }
        // a refunded payment was a successful charge first
        long charged = figures.capturedPayments() + figures.refundedPayments() - figures.capturesNeverSent();
        if (provider.succeeded() != charged) {
            findings.add("the provider charged " + provider.succeeded() + " times for " + figures.capturedPayments()
                    + " captured and " + figures.refundedPayments() + " refunded payments ("
                    + figures.capturesNeverSent()
                    + " never sent): double or lost charges");
        }
        if (provider.refunds() != figures.refundedPayments()
                || provider.refundedAmountCents() != figures.refundedCents()) {
            findings.add("the provider refunded " + provider.refunds() + " times, " + provider.refundedAmountCents()
                    + " cents, for " + figures.refundedPayments() + " refunded payments of " + figures.refundedCents()
                    + " cents");
        }
        return findings;
    }

    private long count(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        this.jdbcUrlOfDatabase.apply(database), this.username, this.password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
