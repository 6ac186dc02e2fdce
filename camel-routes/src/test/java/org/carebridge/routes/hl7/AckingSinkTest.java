package org.carebridge.routes.hl7;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.carebridge.mappings.discharge.hl7.AdtEvent;
import org.carebridge.mappings.discharge.hl7.Hl7Message;
import org.junit.jupiter.api.Test;

/**
 * A sink that stores ACKs with its events ({@link AckingAdtEventSink}): valid messages are applied and remembered
 * through it alone (one transaction), answered as before; refused messages still go to the {@link AckRepository}.
 */
class AckingSinkTest {
    private static final String NHS = MllpAdtRouteTest.NHS;

    /** Events and ACKs in one map, as one transaction would keep them; can be told to fail (and then keeps nothing). */
    static final class OneTransactionSink implements AckingAdtEventSink {
        final Map<String, String> acks = new HashMap<>();
        final List<AdtEvent> applied = new ArrayList<>();
        boolean failing;

        @Override
        public Remembered acceptOnce(String tenant, AdtEvent event, String key, Supplier<String> ack) {
            if (acks.containsKey(key)) return new Remembered(acks.get(key), true);
            if (failing) throw new IllegalStateException("store unavailable");
            applied.add(event);
            acks.put(key, ack.get());
            return new Remembered(acks.get(key), false);
        }

        @Override
        public void accept(String tenant, AdtEvent event) {
            fail("a valid message goes through acceptOnce");
        }
    }

    /** Counts what reaches the repository. */
    static final class CountingAcks implements AckRepository {
        final InMemoryAckRepository inner = new InMemoryAckRepository();
        final List<String> calls = new ArrayList<>();

        @Override
        public Optional<String> find(String key) {
            calls.add("find " + key);
            return inner.find(key);
        }

        @Override
        public String saveIfAbsent(String key, String ack) {
            calls.add("save " + key);
            return inner.saveIfAbsent(key, ack);
        }
    }

    private final OneTransactionSink sink = new OneTransactionSink();
    private final CountingAcks repository = new CountingAcks();
    private final AdtAckProcessor processor = new AdtAckProcessor("kent", sink, repository,
            Clock.fixed(Instant.parse("2026-01-05T09:30:05Z"), ZoneOffset.UTC));

    private static String msa(String ack, int field) {
        return Hl7Message.parse(ack).segment("MSA").orElseThrow().get(field);
    }

    @Test
    void aValidMessageIsAppliedAndRememberedInTheSinkAloneAndItsRetransmissionGetsTheFirstAck() {
        String message = MllpAdtRouteTest.adt("A01", "MSG1", NHS + "^^^NHS^NH");
        String ack = processor.handle(message);
        assertEquals("AA", msa(ack, 1));
        assertEquals("MSG1", msa(ack, 2));
        assertEquals(1, sink.applied.size());
        assertEquals(ack, sink.acks.get(AckRepository.key("kent", "PAS", "RVV01", "MSG1")));
        assertEquals(List.of(), repository.calls, "no separate transactions for a valid message");

        assertEquals(ack, processor.handle(message), "the very same ACK");
        assertEquals(1, sink.applied.size(), "not applied twice");
    }

    @Test
    void whenTheSinkFailsTheAnswerIsAeAndNothingIsRememberedSoTheRetransmissionIsApplied() {
        String message = MllpAdtRouteTest.adt("A01", "MSG2", NHS + "^^^NHS^NH");
        sink.failing = true;
        AdtAckProcessor.Answer a = processor.answer(message);
        assertFalse(a.applied());
        assertEquals("AE", msa(a.ack(), 1));
        assertTrue(sink.acks.isEmpty());
        sink.failing = false;
        assertEquals("AA", msa(processor.handle(message), 1));
        assertEquals(1, sink.applied.size());
    }

    @Test
    void aRefusedMessageIsStillRememberedByTheRepository() {
        String message = MllpAdtRouteTest.adt("A01", "MSG3", "H123456^^^RVV^MR");
        String ack = processor.handle(message);
        assertNotEquals("AA", msa(ack, 1));
        assertTrue(sink.applied.isEmpty());
        String key = AckRepository.key("kent", "PAS", "RVV01", "MSG3");
        assertEquals(Optional.of(ack), repository.inner.find(key));
        assertEquals(ack, processor.handle(message));
    }
}
