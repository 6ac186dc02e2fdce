package org.carebridge.routes.hl7;

import java.util.function.Supplier;
import org.carebridge.mappings.discharge.hl7.AdtEvent;

/**
 * A sink that keeps the first ACKs itself, in the transaction that applies the event: the event and its ACK are
 * committed together or not at all, so an event is never applied without its ACK being remembered (a crash between
 * the two could do that when they were separate), and a message costs one transaction and one commit, not three.
 * {@link AdtAckProcessor} uses it for every valid message; the {@link AckRepository} still keeps the ACKs of
 * messages refused before they reach a sink.
 */
public interface AckingAdtEventSink extends AdtEventSink {

    /** The ACK that is stored under the key, and whether it was stored before (a retransmission: nothing applied). */
    record Remembered(String ack, boolean retransmission) {}

    /**
     * Under {@code key} ({@link AckRepository#key}): the ACK already stored, with nothing applied; else the event
     * applied and {@code ack}'s ACK stored, both at one commit, returned once committed. Throwing means not applied
     * and nothing stored.
     */
    Remembered acceptOnce(String tenant, AdtEvent event, String key, Supplier<String> ack) throws Exception;
}
