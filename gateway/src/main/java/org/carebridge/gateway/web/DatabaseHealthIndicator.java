package org.carebridge.gateway.web;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.Map;

/** Ready only while PostgreSQL answers: a load balancer stops sending FHIR traffic otherwise. */
@Singleton
@Readiness
@Requires(beans = HealthEndpoint.class)
public class DatabaseHealthIndicator implements HealthIndicator {
    private final DataSource dataSource;

    public DatabaseHealthIndicator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthResult.Builder b = HealthResult.builder("database");
        try (Connection c = dataSource.getConnection()) {
            boolean ok = c.isValid(2);
            c.rollback();
            b.status(ok ? HealthStatus.UP : HealthStatus.DOWN);
        } catch (Exception e) {
            b.status(HealthStatus.DOWN).details(Map.of("error", e.getClass().getSimpleName()));
        }
        return Publishers.just(b.build());
    }
}
