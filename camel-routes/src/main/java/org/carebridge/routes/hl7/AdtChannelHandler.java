package org.carebridge.routes.hl7;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.carebridge.routes.core.ChannelKind;
import org.carebridge.routes.core.ChannelMessage;
import org.carebridge.routes.core.ReplyingChannelHandler;

/**
 * The handler of {@code hl7-mllp} channels: each ADT message is answered by {@link AdtAckProcessor} (one per
 * tenant, so its retransmission lock is per tenant) and the ACK is what the listener sends. A message the sink
 * could not apply gets AE "please retransmit" and is kept as a dead letter by the route (a replay applies it,
 * unless a retransmission already did — then the stored ACK is found and nothing happens twice).
 *
 * <p>HL7 v2 from UK PAS feeds defaults to ISO-8859-1; decoding and encoding with it is lossless byte for byte,
 * so a stored ACK goes out identical every time.
 */
public final class AdtChannelHandler implements ReplyingChannelHandler {
    static final Charset CHARSET = StandardCharsets.ISO_8859_1;

    private final AdtEventSink sink;
    private final AckRepository acks;
    private final Clock clock;
    private final Map<String, AdtAckProcessor> byTenant = new ConcurrentHashMap<>();

    public AdtChannelHandler(AdtEventSink sink, AckRepository acks, Clock clock) {
        this.sink = sink;
        this.acks = acks;
        this.clock = clock;
    }

    @Override
    public String name() {
        return ChannelKind.HL7_MLLP.id();
    }

    @Override
    public byte[] reply(ChannelMessage message) throws NotApplied {
        AdtAckProcessor processor = byTenant.computeIfAbsent(message.tenant(), t -> new AdtAckProcessor(t, sink, acks, clock));
        AdtAckProcessor.Answer answer = processor.answer(new String(message.payload(), CHARSET));
        byte[] ack = answer.ack().getBytes(CHARSET);
        if (!answer.applied()) {
            throw new NotApplied("ADT event not applied: " + answer.notApplied().getClass().getSimpleName(), ack,
                    answer.notApplied());
        }
        return ack;
    }
}
