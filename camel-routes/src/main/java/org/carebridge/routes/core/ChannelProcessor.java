package org.carebridge.routes.core;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The step every channel template ends with: finds the channel's configuration and handler and hands over what
 * arrived. The channel is found from the route the exchange came in on, or from {@link #ROUTE_HEADER} when a
 * dead letter is replayed.
 */
public final class ChannelProcessor implements Processor {
    public static final String ROUTE_HEADER = "CarebridgeRouteId";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    /** Key under which a caller waiting on the exchange (the HTTP push) expects the handler's reply; not personal. */
    public static final String REPLY_KEY_HEADER = "CarebridgeReplyKey";
    /**
     * Exchange property holding a {@link ReplyingChannelHandler}'s reply. It is the property camel-mllp sends as
     * the acknowledgement when {@code autoAck=false}; it is set even when the handler fails, so the reply goes out
     * after the message has been kept as a dead letter.
     */
    public static final String REPLY = org.apache.camel.component.mllp.MllpConstants.MLLP_ACKNOWLEDGEMENT;
    /** Transport headers worth keeping with a dead letter; none carries personal data. */
    static final Set<String> KEPT_HEADERS = Set.of(Exchange.FILE_NAME, Exchange.FILE_LENGTH, Exchange.CONTENT_TYPE,
            CORRELATION_HEADER, REPLY_KEY_HEADER, "CamelMllpMessageControlId", "CamelMllpMessageType", "CamelMllpSendingApplication");

    private final ChannelLookup channels;
    private final ChannelHandlers handlers;
    private final RouteStatsRegistry stats;

    /** How the processor finds a route's channel (the route manager). */
    public interface ChannelLookup {
        java.util.Optional<ChannelConfig> channel(String routeId);
    }

    public ChannelProcessor(ChannelLookup channels, ChannelHandlers handlers, RouteStatsRegistry stats) {
        this.channels = channels;
        this.handlers = handlers;
        this.stats = stats;
    }

    /** First step of a route, run once per message (redeliveries restart at the failed step, not here). */
    public static Processor intake(RouteStatsRegistry stats) {
        return exchange -> {
            if (exchange.getIn().getHeader(CORRELATION_HEADER) == null) {
                exchange.getIn().setHeader(CORRELATION_HEADER, UUID.randomUUID().toString());
            }
            stats.of(exchange.getFromRouteId()).received();
        };
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String routeId = routeId(exchange);
        ChannelConfig channel = channels.channel(routeId)
                .orElseThrow(() -> new IllegalStateException("route " + routeId + " is not configured any more"));
        ChannelHandler handler = handlers.find(channel.handler())
                .orElseThrow(() -> new IllegalStateException("no handler '" + channel.handler() + "' installed"));
        RouteStats s = stats.of(routeId);
        java.io.File file = handler instanceof FileChannelHandler && channel.kind().readsDirectory()
                && exchange.getIn().getHeader(ROUTE_HEADER) == null
                ? exchange.getIn().getBody(java.io.File.class) : null;
        byte[] payload = channel.kind() == ChannelKind.OUTBOUND_NOTIFICATION || file != null ? new byte[0]
                : exchange.getIn().getBody(byte[].class);
        Map<String, String> headers = keptHeaders(exchange);
        String previous = MDC.get("correlationId");
        MDC.put("correlationId", headers.getOrDefault(CORRELATION_HEADER, exchange.getExchangeId()));
        MDC.put("routeId", routeId);
        try {
            ChannelMessage message = new ChannelMessage(channel.tenant(), channel.partner(), channel.id(),
                    channel.kind(), payload == null ? new byte[0] : payload, headers, channel.parameters());
            if (file != null) {
                // Streamed by the handler, never read whole into memory here.
                exchange.getIn().setHeader(FileChannelHandler.TARGET_HEADER,
                        ((FileChannelHandler) handler).handleFile(message, file.toPath()));
            } else if (handler instanceof ReplyingChannelHandler replying) {
                try {
                    exchange.setProperty(REPLY, replying.reply(message));
                } catch (ReplyingChannelHandler.NotApplied e) {
                    exchange.setProperty(REPLY, e.reply());
                    throw e;
                }
            } else {
                if (channel.kind().readsDirectory()) {
                    exchange.getIn().setHeader(FileChannelHandler.TARGET_HEADER,
                            ".done/" + java.time.LocalDate.now().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
                }
                handler.handle(message);
            }
            if (channel.kind() != ChannelKind.OUTBOUND_NOTIFICATION) {
                s.succeeded();
            }
        } catch (Exception e) {
            s.errored(e);
            throw e;
        } finally {
            MDC.remove("routeId");
            if (previous == null) MDC.remove("correlationId");
            else MDC.put("correlationId", previous);
        }
    }

    static String routeId(Exchange exchange) {
        String replayed = exchange.getIn().getHeader(ROUTE_HEADER, String.class);
        return replayed != null ? replayed : exchange.getFromRouteId();
    }

    static Map<String, String> keptHeaders(Exchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String h : KEPT_HEADERS) {
            Object v = exchange.getIn().getHeader(h);
            if (v != null) out.put(h, String.valueOf(v));
        }
        return out;
    }
}
