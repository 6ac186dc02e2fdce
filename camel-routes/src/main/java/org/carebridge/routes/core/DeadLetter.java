package org.carebridge.routes.core;

import java.util.Map;

/**
 * Something a route could not process, kept whole so it can be replayed after a fix.
 *
 * @param errorClass   the exception class (simple name)
 * @param errorMessage the exception message, which handlers keep free of personal data
 * @param payload      the original bytes as received
 * @param headers      transport headers (file name, content type, correlation id)
 */
public record DeadLetter(String tenant, String routeId, ChannelKind kind, String partner, String errorClass,
                         String errorMessage, byte[] payload, Map<String, String> headers) {
    public DeadLetter {
        headers = Map.copyOf(headers);
        payload = payload == null ? new byte[0] : payload;
    }
}
