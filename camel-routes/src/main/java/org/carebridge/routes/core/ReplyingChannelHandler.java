package org.carebridge.routes.core;

/**
 * A handler whose transport answers every message itself (HL7 v2 over MLLP): what {@link #reply} returns is sent
 * back to the sender as it is. A message that could not be applied still gets its reply (e.g. an HL7 AE asking for
 * a retransmission) and is then retried and kept as a dead letter, like any failed message: throw
 * {@link NotApplied} carrying that reply.
 */
public interface ReplyingChannelHandler extends ChannelHandler {

    byte[] reply(ChannelMessage message) throws NotApplied;

    @Override
    default void handle(ChannelMessage message) throws Exception {
        reply(message);
    }

    /** The message was not applied; {@code reply} is what the sender is told. The message must not be personal. */
    final class NotApplied extends Exception {
        private final byte[] reply;

        public NotApplied(String message, byte[] reply, Throwable cause) {
            super(message, cause);
            this.reply = reply.clone();
        }

        public byte[] reply() {
            return reply.clone();
        }
    }
}
