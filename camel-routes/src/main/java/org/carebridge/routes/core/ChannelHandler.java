package org.carebridge.routes.core;

/**
 * The processing step of a channel: the feed-specific part (Mosaic, ECM, HL7 discharge, outbound dispatch).
 * Feed modules provide one bean per handler name; a channel names its handler (by default its kind's id), and
 * a configuration naming a handler that is not installed fails validation.
 *
 * <p>Throw to reject a message: the route retries, then keeps it as a dead letter with the error. Exception
 * messages are stored and shown to operators, so they must not contain personal data.
 */
public interface ChannelHandler {

    /** The name channels refer to; by convention the id of the {@link ChannelKind} it serves. */
    String name();

    void handle(ChannelMessage message) throws Exception;
}
