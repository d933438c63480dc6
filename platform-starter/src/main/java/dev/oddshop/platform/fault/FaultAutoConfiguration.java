package dev.oddshop.platform.fault;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The fault engine, on only where {@code shop.faults.enabled} is true: the lab's defaults turn it
 * on (platform-defaults.yml), the production profile turns it off, and without the property it is
 * off. Off, every fault point is {@link FaultPoints#NONE} and there are no fault controls.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
public class FaultAutoConfiguration {

    static final String ENABLED = "shop.faults.enabled";

    /** The "faults" member of the readiness group (platform-defaults.yml), engine on or off. */
    @Bean
    FaultReadiness faultsHealthIndicator(FaultPoints faults) {
        return new FaultReadiness(faults);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(ENABLED)
    static class Engine {

        /**
         * Share of the max heap a MEMORY_LEAK may fill: with the service's own live data that is past
         * JvmHeapPressure's 80 %, yet short of the OutOfMemoryError a real leak ends in.
         */
        private static final double LEAK_CEILING = 0.7;

        @Bean
        FaultRegistry faultRegistry(
                MeterRegistry meters,
                Environment environment,
                ObjectProvider<DataSource> dataSource,
                List<DeclaredFaultPoints> declared) {
            List<FaultPoint> points = Stream.concat(
                            Stream.of(FaultPoint.READINESS), declared.stream().flatMap(d -> d.points().stream()))
                    .toList();
            return new FaultRegistry(
                    meters,
                    environment.getProperty("spring.application.name", "unknown"),
                    Clock.systemUTC(),
                    dataSource.getIfAvailable() != null,
                    points);
        }

        @Bean
        FaultEngine faultEngine(
                FaultRegistry registry,
                MeterRegistry meters,
                ObjectProvider<ObservationRegistry> observations,
                ObjectProvider<DataSource> dataSource) {
            DataSource database = dataSource.getIfAvailable();
            return new FaultEngine(
                    registry,
                    meters,
                    observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                    database == null ? null : new DatabaseFaults(database),
                    (long) (Runtime.getRuntime().maxMemory() * LEAK_CEILING));
        }

        /** Where the service has a database, its replicas share their faults through it. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(HikariDataSource.class)
        @ConditionalOnBean(DataSource.class)
        static class Shared {

            @Bean
            SharedFaultSwitch sharedFaultSwitch(FaultRegistry registry, Environment environment) {
                return new SharedFaultSwitch(
                        registry,
                        new FaultTable(FaultTable.pool(
                                environment.getRequiredProperty("spring.datasource.url"),
                                environment.getProperty("spring.datasource.username"),
                                environment.getProperty("spring.datasource.password"))),
                        instance(environment),
                        Clock.systemUTC());
            }
        }

        @Bean
        @ConditionalOnMissingBean(FaultSwitch.class)
        LocalFaultSwitch localFaultSwitch(FaultRegistry registry, Environment environment) {
            return new LocalFaultSwitch(registry, instance(environment));
        }

        @Bean
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
        FaultController faultController(FaultRegistry registry, FaultSwitch faults) {
            return new FaultController(registry, faults);
        }

        /** This replica's name (shop.instance), read when needed: the port is known once the server runs. */
        private static Supplier<String> instance(Environment environment) {
            return () -> environment.getProperty("shop.instance", "unknown");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = ENABLED, havingValue = false, matchIfMissing = true)
    static class Off {

        @Bean
        FaultPoints inertFaultPoints() {
            return FaultPoints.NONE;
        }
    }
}
