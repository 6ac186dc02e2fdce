package org.carebridge.routes.core;

/**
 * Where routes put what they cannot process. The gateway stores dead letters in PostgreSQL; if storing fails the
 * sink throws and the exchange fails too, so the transport keeps the message (a file moves to .failed, an MLLP
 * sender gets a negative acknowledgement) — nothing is dropped silently.
 */
public interface DeadLetterSink {
    /** Stores it in its own transaction and returns its id. */
    long store(DeadLetter letter);
}
