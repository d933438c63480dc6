package dev.oddshop.order.checkout;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One replica at a time reconciles: the lock is a row in PostgreSQL (ShedLock), taken for 30 s and
 * extended every 15 s while a round lasts, so a replica killed mid-round frees it within 30 s. A
 * lease rather than row locks because a round calls other services for each order, and a row lock
 * would hold a transaction and a pooled connection across those calls.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "30s")
class ReconcilerLockConfiguration implements DisposableBean {

    // not a bean: a ScheduledExecutorService bean would replace Boot's scheduler for @Scheduled
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("reconciler-lock-keep-alive").daemon().factory());

    @Bean
    LockProvider reconcilerLock(DataSource dataSource) {
        return new KeepAliveLockProvider(
                new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(new JdbcTemplate(dataSource))
                        // the database's clock, not each replica's, decides when a lock has lapsed
                        .usingDbTime()
                        .build()),
                this.keepAlive);
    }

    @Override
    public void destroy() {
        this.keepAlive.shutdownNow();
    }
}
