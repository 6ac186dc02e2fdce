package org.carebridge.gateway.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.StatisticsHandler;

import java.time.Duration;

/**
 * Graceful shutdown for Jetty (Micronaut's own graceful shutdown covers only Netty): on stop, Jetty closes its
 * connectors and waits up to the grace period for requests in flight, which the statistics handler counts.
 */
@Singleton
public class JettyGracefulShutdown implements BeanCreatedEventListener<Server> {
    private final Duration grace;

    public JettyGracefulShutdown(@Value("${carebridge.shutdown-grace-period:20s}") Duration grace) {
        this.grace = grace;
    }

    @Override
    public Server onCreated(BeanCreatedEvent<Server> event) {
        Server server = event.getBean();
        StatisticsHandler stats = new StatisticsHandler();
        stats.setHandler(server.getHandler());
        server.setHandler(stats);
        server.setStopTimeout(grace.toMillis());
        server.setStopAtShutdown(false); // Micronaut's shutdown hook stops it, in order with the other beans
        return server;
    }
}
