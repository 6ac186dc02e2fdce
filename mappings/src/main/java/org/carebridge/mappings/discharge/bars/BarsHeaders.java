package org.carebridge.mappings.discharge.bars;

/**
 * The HTTP headers of a $process-message call that matter to the message itself. X-Request-Id identifies this
 * delivery (a retry repeats it); X-Correlation-Id ties a conversation together.
 */
public record BarsHeaders(String requestId, String correlationId) {
    public static BarsHeaders none() {
        return new BarsHeaders(null, null);
    }
}
