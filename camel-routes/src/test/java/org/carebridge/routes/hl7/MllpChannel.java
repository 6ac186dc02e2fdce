package org.carebridge.routes.hl7;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.impl.DefaultCamelContext;
import org.carebridge.routes.core.ChannelConfig;
import org.carebridge.routes.core.ChannelHandlers;
import org.carebridge.routes.core.ChannelKind;
import org.carebridge.routes.core.ChannelProcessor;
import org.carebridge.routes.core.ChannelRouteManager;
import org.carebridge.routes.core.ChannelTemplates;
import org.carebridge.routes.core.DeadLetter;
import org.carebridge.routes.core.DeadLetterWriter;
import org.carebridge.routes.core.RouteStatsRegistry;

/**
 * A tenant's {@code hl7-mllp} channel as the gateway runs it (route template, channel processor, dead-letter
 * route) on its own Camel context, with {@link AdtChannelHandler} over the given sink, listening on 127.0.0.1.
 */
final class MllpChannel implements AutoCloseable {
    final DefaultCamelContext camel = new DefaultCamelContext();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    final int port;

    MllpChannel(String tenant, AdtEventSink sink, AckRepository acks, Clock clock) throws Exception {
        port = MllpAdtRouteTest.freePort();
        RouteStatsRegistry stats = new RouteStatsRegistry();
        ChannelRouteManager manager = new ChannelRouteManager(camel);
        camel.getRegistry().bind(ChannelTemplates.INTAKE, ChannelProcessor.intake(stats));
        camel.getRegistry().bind(ChannelTemplates.PROCESSOR, new ChannelProcessor(manager,
                new ChannelHandlers(List.of(new AdtChannelHandler(sink, acks, clock))), stats));
        camel.getRegistry().bind(ChannelTemplates.DEAD_LETTER_WRITER, new DeadLetterWriter(manager, letter -> {
            deadLetters.add(letter);
            return deadLetters.size();
        }, stats));
        camel.addRoutes(new ChannelTemplates());
        camel.start();
        ChannelRouteManager.ApplyResult r = manager.apply(List.of(new ChannelConfig(tenant, "adt", ChannelKind.HL7_MLLP,
                "pas", ChannelKind.HL7_MLLP.id(),
                ChannelKind.HL7_MLLP.withDefaults(Map.of("host", "127.0.0.1", "port", Integer.toString(port))),
                new ChannelConfig.Source(tenant + ".yaml", 3, 5))));
        if (!r.failed().isEmpty()) throw new IllegalStateException("MLLP channel did not start: " + r.failed());
    }

    @Override
    public void close() {
        camel.stop();
    }
}
