package org.carebridge.routes.core;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dead-letter channel's end: stores the original message with the error through the {@link DeadLetterSink}. */
public final class DeadLetterWriter implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);
    /** Set on the exchange once stored, so a synchronous caller (HTTP push) can answer with the id. */
    public static final String DEAD_LETTER_ID = "CarebridgeDeadLetterId";

    private final ChannelProcessor.ChannelLookup channels;
    private final DeadLetterSink sink;
    private final RouteStatsRegistry stats;

    public DeadLetterWriter(ChannelProcessor.ChannelLookup channels, DeadLetterSink sink, RouteStatsRegistry stats) {
        this.channels = channels;
        this.sink = sink;
        this.stats = stats;
    }

    @Override
    public void process(Exchange exchange) {
        String routeId = ChannelProcessor.routeId(exchange);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ChannelConfig channel = channels.channel(routeId)
                .orElseThrow(() -> new IllegalStateException("dead letter from unknown route " + routeId));
        byte[] payload = exchange.getIn().getBody(byte[].class);
        DeadLetter letter = new DeadLetter(channel.tenant(), routeId, channel.kind(), channel.partner(),
                error == null ? "Unknown" : error.getClass().getSimpleName(),
                error == null ? "" : Errors.safeMessage(error), payload, ChannelProcessor.keptHeaders(exchange));
        long id = sink.store(letter);
        stats.of(routeId).deadLettered();
        exchange.setProperty(DEAD_LETTER_ID, id);
        LOG.warn("route {} kept dead letter {} ({})", routeId, id, letter.errorClass());
    }
}
