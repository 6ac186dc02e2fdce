package org.carebridge.routes.hl7;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpConstants;
import org.carebridge.mappings.discharge.hl7.AckBuilder;
import org.carebridge.mappings.discharge.hl7.AckCode;
import org.carebridge.mappings.discharge.hl7.AdtParseResult;
import org.carebridge.mappings.discharge.hl7.AdtParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ADT message in, one ACK out: a retransmission gets the first ACK; otherwise parse, validate, hand the event
 * to the sink and remember the ACK. Logs name the control id and outcome only (no patient data).
 */
public final class AdtAckProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(AdtAckProcessor.class);

    private final String tenant;
    private final AdtEventSink sink;
    private final AckRepository acks;
    private final Clock clock;
    private final Supplier<String> ackIds;
    /** Serialises concurrent deliveries of the same message on this node so the sink sees it once. */
    private final ConcurrentHashMap<String, Object> inFlight = new ConcurrentHashMap<>();

    public AdtAckProcessor(String tenant, AdtEventSink sink, AckRepository acks, Clock clock, Supplier<String> ackIds) {
        this.tenant = tenant;
        this.sink = sink;
        this.acks = acks;
        this.clock = clock;
        this.ackIds = ackIds;
    }

    public AdtAckProcessor(String tenant, AdtEventSink sink, AckRepository acks, Clock clock) {
        this(tenant, sink, acks, clock, () -> UUID.randomUUID().toString());
    }

    @Override
    public void process(Exchange exchange) {
        String ack = handle(exchange.getIn().getBody(String.class));
        exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT, ack.getBytes(StandardCharsets.UTF_8));
        exchange.getMessage().setBody(ack);
    }

    /** The ACK for one message text. */
    public String handle(String text) {
        AdtParseResult parsed = AdtParser.parse(text);
        AdtParseResult.MessageHeaderFields h = parsed.header();
        if (h == null || h.controlId().isEmpty()) {
            // Without a control id nothing can be recognised again: answer, remember nothing.
            LOG.info("tenant={} ADT rejected before identification: {}", tenant, parsed.reason());
            return AckBuilder.reject(parsed, ackIds.get(), clock.instant());
        }
        String key = AckRepository.key(tenant, h.sendingApplication(), h.sendingFacility(), h.controlId());
        Object lock = inFlight.computeIfAbsent(key, k -> new Object());
        try {
            synchronized (lock) {
                var first = acks.find(key);
                if (first.isPresent()) {
                    LOG.info("tenant={} controlId={} retransmission: first ACK repeated", tenant, h.controlId());
                    return first.get();
                }
                if (!parsed.ok()) {
                    LOG.info("tenant={} controlId={} {}: {}", tenant, h.controlId(), parsed.rejection(), parsed.reason());
                    return acks.saveIfAbsent(key, AckBuilder.reject(parsed, ackIds.get(), clock.instant()));
                }
                try {
                    sink.accept(tenant, parsed.event());
                } catch (Exception e) {
                    // Not applied: AE, and not remembered so that a retransmission is tried again.
                    LOG.warn("tenant={} controlId={} event {} not applied: {}", tenant, h.controlId(),
                            parsed.event().type(), e.getClass().getSimpleName());
                    return AckBuilder.applicationError(h, "not applied, please retransmit", ackIds.get(), clock.instant());
                }
                LOG.info("tenant={} controlId={} {} applied", tenant, h.controlId(), parsed.event().type());
                return acks.saveIfAbsent(key, AckBuilder.build(h, AckCode.AA, null, null, null, ackIds.get(), clock.instant()));
            }
        } finally {
            inFlight.remove(key, lock);
        }
    }
}
