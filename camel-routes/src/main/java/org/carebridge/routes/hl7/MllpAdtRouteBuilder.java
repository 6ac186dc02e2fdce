package org.carebridge.routes.hl7;

import java.time.Clock;
import java.util.Objects;
import org.apache.camel.builder.RouteBuilder;

/**
 * The HL7 v2 ADT channel of one tenant: an MLLP listener on the tenant's port whose every message is answered by
 * {@link AdtAckProcessor}. One instance per tenant, built from configuration ({@link MllpChannel}).
 */
public final class MllpAdtRouteBuilder extends RouteBuilder {
    /** host "0.0.0.0" listens on every interface; port per tenant. */
    public record MllpChannel(String tenant, String host, int port) {
        public MllpChannel {
            Objects.requireNonNull(tenant, "tenant");
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("tenant " + tenant + ": MLLP port " + port + " is out of range");
            }
        }

        public String routeId() {
            return "mllp-adt-" + tenant;
        }
    }

    private final MllpChannel channel;
    private final AdtAckProcessor processor;

    public MllpAdtRouteBuilder(MllpChannel channel, AdtEventSink sink, AckRepository acks, Clock clock) {
        this.channel = channel;
        this.processor = new AdtAckProcessor(channel.tenant(), sink, acks, clock);
    }

    @Override
    public void configure() {
        // autoAck=false: the ACK is ours (AdtAckProcessor), not Camel's generic one. The payload is read as a
        // string in the charset HL7 v2 messages default to in UK PAS feeds.
        fromF("mllp://%s:%d?autoAck=false&stringPayload=true&charsetName=ISO-8859-1&hl7Headers=false&maxConcurrentConsumers=10",
                channel.host(), channel.port())
                .routeId(channel.routeId())
                .process(processor);
    }
}
