package dev.oddshop.platform.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.oddshop.launcher.EmbeddedPostgresServer;
import dev.oddshop.platform.fault.app.TestFaultPoints;
import dev.oddshop.platform.web.ApiException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Replicas of one service on one real PostgreSQL, as separate processes would be: each its own
 * registry, meters and {@link SharedFaultSwitch}; the table is created by the same script Flyway
 * runs in the services.
 */
class SharedFaultsTest {

    /** A database of each test's own. */
    private String url;

    private final List<Replica> replicas = new ArrayList<>();

    @BeforeEach
    void database() {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
        this.url =
                postgres.createDatabase("faults_" + UUID.randomUUID().toString().substring(0, 8));
        try (var pool = FaultTable.pool(this.url, postgres.username(), postgres.password())) {
            new ResourceDatabasePopulator(new ClassPathResource("db/faults/R__shop_faults.sql")).execute(pool);
        }
    }

    @AfterEach
    void stopReplicas() {
        this.replicas.forEach(Replica::stop);
    }

    @Test
    void aFaultSwitchedOnAtOneReplicaStrikesAtEveryReplicaAndTheListNamesThem() {
        Replica first = start("host-a:8081");
        Replica second = start("host-b:8081");

        first.faults().on(latency("slow-work", Duration.ofMinutes(5)));

        assertThat(second.registry().at("test.work")).isEmpty();
        second.faults().sync();
        assertThat(second.registry().at("test.work")).extracting(Fault::id).containsExactly("slow-work");
        assertThat(second.gauge("slow-work")).isEqualTo(1.0);
        first.faults().sync();
        assertThat(second.faults().active())
                .singleElement()
                .satisfies(fault -> assertThat(fault.instances()).containsExactly("host-a:8081", "host-b:8081"));
    }

    @Test
    void aReplicaStartedAfterTheFaultHasItBeforeItTakesTraffic() {
        Replica first = start("host-a:8081");
        Fault fault = first.faults().on(latency("slow-work", Duration.ofMinutes(5)));

        Replica later = start("host-c:8081");

        assertThat(later.registry().at("test.work")).containsExactly(fault);
    }

    @Test
    void aFaultSwitchedOffAtAnyReplicaIsOffAtEveryReplicaAndLetsGoThere() {
        Replica first = start("host-a:8081");
        Replica second = start("host-b:8081");
        first.faults().on(latency("slow-work", Duration.ofMinutes(5)));
        second.faults().sync();
        List<String> letGo = new ArrayList<>();
        first.registry().onSwitchOff(fault -> letGo.add(fault.id()));

        second.faults().off("slow-work");
        first.faults().sync();

        assertThat(first.registry().at("test.work")).isEmpty();
        assertThat(first.gauge("slow-work")).isZero();
        assertThat(letGo).containsExactly("slow-work");
        assertThatThrownBy(() -> first.faults().off("slow-work"))
                .isInstanceOfSatisfying(
                        ApiException.class, ex -> assertThat(ex.status()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    @Test
    void aFaultSwitchedOnHereAndNotYetSyncedThereCanBeSwitchedOffThere() {
        Replica first = start("host-a:8081");
        Replica second = start("host-b:8081");
        Fault fault = first.faults().on(latency("slow-work", Duration.ofMinutes(5)));

        assertThat(second.faults().off("slow-work")).isEqualTo(fault);
        first.faults().sync();

        assertThat(first.registry().active()).isEmpty();
    }

    @Test
    void aFaultExpiresAtEveryReplicaAtItsTtl() {
        Replica first = start("host-a:8081");
        Replica second = start("host-b:8081");
        first.faults().on(latency("brief", Duration.ofSeconds(1)));
        second.faults().sync();
        assertThat(second.registry().at("test.work")).isNotEmpty();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(first.registry().at("test.work")).isEmpty();
            assertThat(second.registry().at("test.work")).isEmpty();
        });
        second.faults().sync();
        assertThat(first.faults().active()).isEmpty();
    }

    @Test
    void aReplicaSyncsEverySecondByItself() {
        Replica first = start("host-a:8081");
        Replica second = start("host-b:8081");

        first.faults().on(latency("slow-work", Duration.ofMinutes(5)));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !second.registry().at("test.work").isEmpty());
    }

    @Test
    void withoutItsDatabaseAReplicaRefusesSwitchingWith503AndKeepsItsFaults() {
        Replica first = start("host-a:8081");
        first.faults().on(latency("slow-work", Duration.ofMinutes(5)));
        first.faults().sync();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
        // a database nobody listens at: the replica cut off from its own
        Replica cutOff = Replica.of(
                "host-d:8081",
                new FaultTable(FaultTable.pool("jdbc:postgresql://localhost:1/faults", postgres.username(), "x")));
        cutOff.registry().put(first.registry().active().getFirst());

        cutOff.faults().sync();

        assertThat(cutOff.registry().at("test.work")).isNotEmpty();
        assertThatThrownBy(() -> cutOff.faults().on(latency("other", Duration.ofMinutes(1))))
                .isInstanceOfSatisfying(
                        ApiException.class, ex -> assertThat(ex.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        cutOff.faults().close();
    }

    private static FaultRequest latency(String id, Duration ttl) {
        return new FaultRequest(
                id, FaultKind.LATENCY, "test.work", null, Duration.ofMillis(200), null, null, ttl, "shared-test");
    }

    private Replica start(String instance) {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
        Replica replica = Replica.of(
                instance, new FaultTable(FaultTable.pool(this.url, postgres.username(), postgres.password())));
        replica.faults().start();
        this.replicas.add(replica);
        return replica;
    }

    /** One replica's fault engine state, with its own meters. */
    private record Replica(MeterRegistry meters, FaultRegistry registry, SharedFaultSwitch faults) {

        static Replica of(String instance, FaultTable table) {
            MeterRegistry meters = new SimpleMeterRegistry();
            FaultRegistry registry = new FaultRegistry(
                    meters,
                    "shared-test",
                    Clock.systemUTC(),
                    true,
                    DeclaredFaultPoints.in(TestFaultPoints.class).points());
            return new Replica(
                    meters, registry, new SharedFaultSwitch(registry, table, () -> instance, Clock.systemUTC()));
        }

        double gauge(String fault) {
            Gauge gauge =
                    this.meters.find("shop.fault.active").tag("fault", fault).gauge();
            return gauge == null ? 0 : gauge.value();
        }

        void stop() {
            this.faults.stop();
            this.faults.close();
        }
    }
}
