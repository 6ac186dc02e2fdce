package org.carebridge.gateway.routes;

import io.micronaut.context.annotation.Bean;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.carebridge.routes.core.ChannelHandler;
import org.carebridge.routes.core.ChannelHandlers;
import org.carebridge.routes.core.ChannelProcessor;
import org.carebridge.routes.core.ChannelRouteManager;
import org.carebridge.routes.core.ChannelTemplates;
import org.carebridge.routes.core.DeadLetterSink;
import org.carebridge.routes.core.DeadLetterWriter;
import org.carebridge.routes.core.RouteStatsRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The gateway's one CamelContext, started with the application and stopped before the database goes away.
 * It holds the channel templates, every {@link RoutesBuilder} bean other modules provide, and the processors
 * the templates refer to by name.
 */
@Singleton
@Bean(preDestroy = "close")
public class CamelRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CamelRuntime.class);

    private final DefaultCamelContext camel;
    private final ChannelRouteManager manager;
    private final ChannelHandlers handlers;
    private final ProducerTemplate producer;

    public CamelRuntime(List<ChannelHandler> handlerBeans, List<RoutesBuilder> builders, DeadLetterSink deadLetters,
                        RouteStatsRegistry stats) throws Exception {
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("carebridge");
        camel.getShutdownStrategy().setTimeout(10);
        camel.getShutdownStrategy().setLogInflightExchangesOnTimeout(false);
        manager = new ChannelRouteManager(camel);
        handlers = new ChannelHandlers(handlerBeans);
        camel.getRegistry().bind(ChannelTemplates.INTAKE, ChannelProcessor.intake(stats));
        camel.getRegistry().bind(ChannelTemplates.PROCESSOR, new ChannelProcessor(manager, handlers, stats));
        camel.getRegistry().bind(ChannelTemplates.DEAD_LETTER_WRITER, new DeadLetterWriter(manager, deadLetters, stats));
        camel.addRoutes(new ChannelTemplates());
        for (RoutesBuilder b : builders) {
            camel.addRoutes(b);
        }
        camel.start();
        producer = camel.createProducerTemplate();
        LOG.info("Camel started with {} handler(s)", handlerBeans.size());
    }

    public CamelContext camel() {
        return camel;
    }

    public ChannelRouteManager manager() {
        return manager;
    }

    public ChannelHandlers handlers() {
        return handlers;
    }

    public ProducerTemplate producer() {
        return producer;
    }

    @PreDestroy
    @Override
    public void close() {
        if (!camel.isStopped()) {
            camel.stop();
        }
    }
}
