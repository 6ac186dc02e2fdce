package org.carebridge.mappings.discharge.hl7;

/** MSA-1 acknowledgement codes (original mode). */
public enum AckCode {
    /** Application accept: applied (or already applied, for a retransmission). */
    AA,
    /** Application error: understood but not applied; the sender should correct and resend. */
    AE,
    /** Application reject: not a message this receiver takes (unsupported event, unusable header). */
    AR
}
