package org.carebridge.routes.hl7;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.carebridge.mappings.discharge.hl7.AckBuilder;
import org.carebridge.mappings.discharge.hl7.AckCode;
import org.carebridge.mappings.discharge.hl7.AdtParseResult;
import org.carebridge.mappings.discharge.hl7.AdtParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ADT message in, one ACK out: a retransmission gets the first ACK; otherwise parse, validate, hand the event
 * to the sink and remember the ACK (with an {@link AckingAdtEventSink}, in the sink's own transaction). Logs name
 * the control id and outcome only (no patient data).
 */
public final class AdtAckProcessor {
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

    /**
     * What a message got: its ACK and, when it could not be applied (the sink failed), why. Such an ACK is an AE
     * asking for a retransmission and is not remembered, so the retransmission is applied.
     */
    public record Answer(String ack, Exception notApplied) {
        public boolean applied() {
            return notApplied == null;
        }
    }

    /** The ACK for one message text. */
    public String handle(String text) {
        return answer(text).ack();
    }

    public Answer answer(String text) {
        AdtParseResult parsed = AdtParser.parse(text);
        AdtParseResult.MessageHeaderFields h = parsed.header();
        if (h == null || h.controlId().isEmpty()) {
            // Without a control id nothing can be recognised again: answer, remember nothing.
            LOG.info("tenant={} ADT rejected before identification: {}", tenant, parsed.reason());
            return new Answer(AckBuilder.reject(parsed, ackIds.get(), clock.instant()), null);
        }
        String key = AckRepository.key(tenant, h.sendingApplication(), h.sendingFacility(), h.controlId());
        Object lock = inFlight.computeIfAbsent(key, k -> new Object());
        try {
            synchronized (lock) {
                if (parsed.ok() && sink instanceof AckingAdtEventSink once) {
                    return appliedOnce(once, h, key, parsed);
                }
                var first = acks.find(key);
                if (first.isPresent()) {
                    LOG.info("tenant={} controlId={} retransmission: first ACK repeated", tenant, h.controlId());
                    return new Answer(first.get(), null);
                }
                if (!parsed.ok()) {
                    LOG.info("tenant={} controlId={} {}: {}", tenant, h.controlId(), parsed.rejection(), parsed.reason());
                    return new Answer(acks.saveIfAbsent(key, AckBuilder.reject(parsed, ackIds.get(), clock.instant())), null);
                }
                try {
                    sink.accept(tenant, parsed.event());
                } catch (Exception e) {
                    // Not applied: AE, and not remembered so that a retransmission is tried again.
                    LOG.warn("tenant={} controlId={} event {} not applied: {}", tenant, h.controlId(),
                            parsed.event().type(), e.getClass().getSimpleName());
                    return new Answer(AckBuilder.applicationError(h, "not applied, please retransmit", ackIds.get(),
                            clock.instant()), e);
                }
                LOG.info("tenant={} controlId={} {} applied", tenant, h.controlId(), parsed.event().type());
                return new Answer(acks.saveIfAbsent(key, AckBuilder.build(h, AckCode.AA, null, null, null, ackIds.get(),
                        clock.instant())), null);
            }
        } finally {
            inFlight.remove(key, lock);
        }
    }

    /** A valid message through a sink that remembers its ACK in the same transaction (one commit for both). */
    private Answer appliedOnce(AckingAdtEventSink once, AdtParseResult.MessageHeaderFields h, String key,
                               AdtParseResult parsed) {
        AckingAdtEventSink.Remembered r;
        try {
            r = once.acceptOnce(tenant, parsed.event(), key,
                    () -> AckBuilder.build(h, AckCode.AA, null, null, null, ackIds.get(), clock.instant()));
        } catch (Exception e) {
            LOG.warn("tenant={} controlId={} event {} not applied: {}", tenant, h.controlId(), parsed.event().type(),
                    e.getClass().getSimpleName());
            return new Answer(AckBuilder.applicationError(h, "not applied, please retransmit", ackIds.get(), clock.instant()), e);
        }
        if (r.retransmission()) {
            LOG.info("tenant={} controlId={} retransmission: first ACK repeated", tenant, h.controlId());
        } else {
            LOG.info("tenant={} controlId={} {} applied", tenant, h.controlId(), parsed.event().type());
        }
        return new Answer(r.ack(), null);
    }
}
