package org.carebridge.routes.core;

import java.util.Map;

/**
 * What a channel received, handed to its {@link ChannelHandler}.
 *
 * @param payload    the bytes as received (file content, HTTP body, HL7 message); empty for timer-driven channels
 * @param headers    transport details (file name, content type, correlation id), never personal data
 * @param parameters the channel's configured parameters
 */
public record ChannelMessage(String tenant, String partner, String channelId, ChannelKind kind, byte[] payload,
                             Map<String, String> headers, Map<String, String> parameters) {
    public ChannelMessage {
        headers = Map.copyOf(headers);
        parameters = Map.copyOf(parameters);
    }

    public String header(String name) {
        return headers.get(name);
    }
}
