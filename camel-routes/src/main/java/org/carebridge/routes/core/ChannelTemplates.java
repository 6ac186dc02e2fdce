package org.carebridge.routes.core;

import org.apache.camel.builder.DeadLetterChannelBuilder;
import org.apache.camel.builder.RouteBuilder;

/**
 * One route template per {@link ChannelKind}, written once; concrete routes are instances made from the tenants'
 * configuration files by {@link ChannelRouteManager}. Each reads: receive → count → hand to the channel's handler;
 * what still fails after retries goes to the dead-letter route, with the message as originally received.
 */
public final class ChannelTemplates extends RouteBuilder {
    public static final String DEAD_LETTER_URI = "direct:carebridge-dead-letter";
    public static final String REPLAY_URI = "direct:carebridge-replay";
    public static final String INTAKE = "carebridgeIntake";
    public static final String PROCESSOR = "carebridgeChannelProcessor";
    public static final String DEAD_LETTER_WRITER = "carebridgeDeadLetterWriter";

    /** Endpoint the HTTP push controller sends a channel's requests to. */
    public static String pushUri(String routeId) {
        return "direct:carebridge-push-" + routeId;
    }

    @Override
    public void configure() {
        // Mosaic extracts: the handler streams the file itself (two passes for a full extract, bounded memory) and
        // says where it goes: .done/<day>/ when applied, held/ when waiting for confirmation, error/ otherwise. One
        // file at a time, in name order, so a council's extracts apply in the order they were dropped.
        routeTemplate(ChannelKind.MOSAIC_FILE_INBOX.id())
                .templateParameter("dir").templateParameter("include").templateParameter("pollMs")
                .templateParameter("readLock")
                .from("file:{{dir}}?include=RAW({{include}})&delay={{pollMs}}&readLock={{readLock}}"
                        + "&readLockCheckInterval=250&readLockMinAge=500&readLockLoggingLevel=OFF"
                        + "&sortBy=file:name&maxMessagesPerPoll=1"
                        + "&move=${header." + FileChannelHandler.TARGET_HEADER + "}/${file:name}"
                        + "&moveFailed=.failed/${file:name}")
                .errorHandler(deadLetter())
                .process(INTAKE).process(PROCESSOR);
        fileInbox(ChannelKind.ECM_CSV_INBOX);

        routeTemplate(ChannelKind.ECM_HTTP_PUSH.id())
                .templateParameter("key").templateParameter("apiKeySha256").templateParameter("maxBytes")
                .from("direct:carebridge-push-{{key}}")
                .errorHandler(deadLetter())
                .process(INTAKE).process(PROCESSOR);

        routeTemplate(ChannelKind.HL7_MLLP.id())
                .templateParameter("host").templateParameter("port").templateParameter("maxConcurrentConsumers")
                // autoAck=false: the ACK sent is the handler's (ChannelProcessor.REPLY: AA, AE with the reason, AR,
                // or the stored first ACK of a retransmission), never Camel's generic one. It goes out once the
                // message is applied, or once a message that could not be applied is retried and kept as a dead
                // letter. The payload stays bytes: the handler decides the character set.
                .from("mllp://{{host}}:{{port}}?autoAck=false&stringPayload=false"
                        + "&maxConcurrentConsumers={{maxConcurrentConsumers}}")
                // camel-mllp creates the unit of work before it sets the body, so its "original message" is empty;
                // nothing in this route changes the body, so the dead letter keeps the message as received.
                .errorHandler(deadLetter(false))
                .process(INTAKE).process(PROCESSOR);

        // Timer-driven: each tick the handler runs one delivery pass from the outbox; its state lives in the
        // database, so failures are retried by the next tick and dead-lettered by the handler itself.
        routeTemplate(ChannelKind.OUTBOUND_NOTIFICATION.id())
                .templateParameter("key").templateParameter("pollMs").templateParameter("maxAttempts")
                .templateParameter("backoffMs").templateParameter("maxBackoffMs").templateParameter("timeoutMs")
                .templateParameter("batch")
                .from("timer:carebridge-outbound-{{key}}?period={{pollMs}}&delay={{pollMs}}")
                .errorHandler(defaultErrorHandler().logStackTrace(false))
                .process(PROCESSOR);

        from(DEAD_LETTER_URI).routeId("carebridge-dead-letter").process(DEAD_LETTER_WRITER);
        // Replays run the same handler; a failure goes back to the caller (the dead letter stays, attempts + 1).
        from(REPLAY_URI).routeId("carebridge-replay").errorHandler(noErrorHandler()).process(PROCESSOR);
    }

    private void fileInbox(ChannelKind kind) {
        routeTemplate(kind.id())
                .templateParameter("dir").templateParameter("include").templateParameter("pollMs")
                .templateParameter("readLock")
                // Processed files move to .done/<day>/; a file is only left in .failed if even its dead letter
                // could not be stored.
                .from("file:{{dir}}?include=RAW({{include}})&delay={{pollMs}}&readLock={{readLock}}"
                        + "&readLockCheckInterval=250&readLockMinAge=500&readLockLoggingLevel=OFF"
                        + "&move=.done/${date:now:yyyyMMdd}/${file:name}&moveFailed=.failed/${file:name}")
                .errorHandler(deadLetter())
                .process(INTAKE).process(PROCESSOR);
    }

    private DeadLetterChannelBuilder deadLetter() {
        return deadLetter(true);
    }

    private DeadLetterChannelBuilder deadLetter(boolean useOriginalMessage) {
        DeadLetterChannelBuilder b = deadLetterChannel(DEAD_LETTER_URI);
        if (useOriginalMessage) b.useOriginalMessage();
        // If the dead letter itself cannot be stored the exchange fails, so the transport keeps the message.
        b.deadLetterHandleNewException(false);
        b.maximumRedeliveries(2).redeliveryDelay(200).logExhausted(false).logRetryAttempted(false);
        return b;
    }
}
