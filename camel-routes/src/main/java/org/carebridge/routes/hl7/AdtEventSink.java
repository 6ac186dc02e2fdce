package org.carebridge.routes.hl7;

import org.carebridge.mappings.discharge.hl7.AdtEvent;

/**
 * Where a valid ADT event goes (the gateway implements it: match the person, apply the hospital-stay rules, store).
 * Throwing means "not applied": the sender gets AE (207) and may retransmit; that ACK is not remembered, so the
 * retransmission is tried again.
 */
@FunctionalInterface
public interface AdtEventSink {
    void accept(String tenant, AdtEvent event) throws Exception;
}
