package org.carebridge.routes.hl7;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carebridge.mappings.discharge.hl7.AdtEvent;
import org.carebridge.mappings.discharge.hl7.AdtType;
import org.carebridge.mappings.discharge.hl7.Hl7Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code hl7-mllp} channel (route template + {@link AdtChannelHandler}) over a real TCP socket: ACKs,
 * retransmissions, rejections, a failing sink (AE, kept as a dead letter, the retransmission applied).
 */
class MllpAdtRouteTest {
    static final String NHS = "9434765919";

    private MllpChannel channel;
    private int port;
    private final List<AdtEvent> applied = new CopyOnWriteArrayList<>();
    private final AtomicBoolean storeDown = new AtomicBoolean();

    static String adt(String trigger, String controlId, String pid3) {
        return "MSH|^~\\&|PAS|RVV01|CAREBRIDGE|KCC|20260105093000||ADT^" + trigger + "^ADT_A01|" + controlId + "|P|2.5\r"
                + "EVN|" + trigger + "|20260105093000\r"
                + "PID|1||" + pid3 + "||Example^Pat||19400101|F\r"
                + "PV1|1|I|WARD7^B2^12^RVV01\r";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void start() throws Exception {
        AdtEventSink sink = (tenant, event) -> {
            if (storeDown.get()) {
                throw new IllegalStateException("store unavailable");
            }
            assertEquals("kent", tenant);
            applied.add(event);
        };
        channel = new MllpChannel("kent", sink, new InMemoryAckRepository(),
                Clock.fixed(Instant.parse("2026-01-05T09:30:05Z"), ZoneOffset.UTC));
        port = channel.port;
    }

    @AfterEach
    void stop() {
        channel.close();
    }

    private static String msa(String ack, int field) {
        return Hl7Message.parse(ack).segment("MSA").orElseThrow().get(field);
    }

    @Test
    void anAdmissionIsAcceptedAndItsRetransmissionAnsweredWithTheFirstAckWithoutApplyingAgain() throws Exception {
        try (MllpClient client = new MllpClient(port)) {
            String first = client.send(adt("A01", "MSG0001", NHS + "^^^NHS^NH"));
            assertEquals("AA", msa(first, 1));
            assertEquals("MSG0001", msa(first, 2));
            assertEquals(1, applied.size());
            assertEquals(AdtType.A01, applied.get(0).type());
            assertEquals(NHS, applied.get(0).nhsNumber());

            String again = client.send(adt("A01", "MSG0001", NHS + "^^^NHS^NH"));
            assertEquals(first, again, "a retransmission gets the very same ACK");
            assertEquals(1, applied.size(), "and is not applied twice");
        }
        // also on a new connection
        try (MllpClient client = new MllpClient(port)) {
            client.send(adt("A01", "MSG0001", NHS + "^^^NHS^NH"));
            assertEquals(1, applied.size());
        }
    }

    @Test
    void unsupportedEventIsRejectedAndMissingNhsNumberIsAnError() throws Exception {
        try (MllpClient client = new MllpClient(port)) {
            String ar = client.send(adt("A02", "MSG0002", NHS + "^^^NHS^NH"));
            assertEquals("AR", msa(ar, 1));
            assertEquals("201", Hl7Message.parse(ar).segment("ERR").orElseThrow().get(3));

            String ae = client.send(adt("A03", "MSG0003", "H123456^^^RVV^MR"));
            assertEquals("AE", msa(ae, 1));
            assertTrue(msa(ae, 3).contains("NHS number"));
            assertEquals(0, applied.size());
        }
    }

    @Test
    void aMessageNotAppliedGetsAeAndItsRetransmissionIsTriedAgain() throws Exception {
        try (MllpClient client = new MllpClient(port)) {
            storeDown.set(true);
            String ae = client.send(adt("A03", "MSG0004", NHS + "^^^NHS^NH"));
            assertEquals("AE", msa(ae, 1));
            assertEquals("207", Hl7Message.parse(ae).segment("ERR").orElseThrow().get(3));
            assertEquals(1, channel.deadLetters.size(), "kept as a dead letter after the route's retries");
            assertEquals("kent.adt", channel.deadLetters.get(0).routeId());
            assertEquals(adt("A03", "MSG0004", NHS + "^^^NHS^NH"),
                    new String(channel.deadLetters.get(0).payload(), java.nio.charset.StandardCharsets.ISO_8859_1),
                    "the message as received");
            assertFalse(channel.deadLetters.get(0).errorMessage().contains(NHS));

            storeDown.set(false);
            String aa = client.send(adt("A03", "MSG0004", NHS + "^^^NHS^NH"));
            assertEquals("AA", msa(aa, 1));
            assertEquals(1, applied.size());
        }
    }
}
