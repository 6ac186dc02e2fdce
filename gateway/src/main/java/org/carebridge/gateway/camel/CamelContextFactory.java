package org.carebridge.gateway.camel;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Context;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import java.util.List;

/**
 * The gateway's one Camel context. Every {@link RoutesBuilder} bean is added; the context starts with the
 * application (eagerly, so listeners such as MLLP are up when the gateway says it is) and stops with it.
 */
@Factory
public class CamelContextFactory {

    @Context
    @Bean(preDestroy = "stop")
    CamelContext camelContext(List<RoutesBuilder> routes) throws Exception {
        DefaultCamelContext ctx = new DefaultCamelContext();
        ctx.getCamelContextExtension().setName("carebridge");
        ctx.setShutdownStrategy(new org.apache.camel.impl.engine.DefaultShutdownStrategy());
        ctx.getShutdownStrategy().setTimeout(20);
        for (RoutesBuilder r : routes) {
            ctx.addRoutes(r);
        }
        ctx.start();
        return ctx;
    }
}
