package org.carebridge.benchmarks.load;

import org.carebridge.benchmarks.gen.Hl7Adt;
import org.carebridge.benchmarks.gen.Model;
import org.carebridge.benchmarks.gen.Scale;
import org.carebridge.benchmarks.gen.SyntheticWorld;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MllpClientTest {

    @Test
    void framesAdtMessagesAndReadsTheAckForEach() throws Exception {
        SyntheticWorld w = new SyntheticWorld(42, Scale.small());
        Model.Discharge d = w.discharge(0);
        Model.Person p = w.person(d.personIndex());
        List<String> received = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    for (int m = 0; m < 2; m++) {
                        assertEquals(MllpClient.START, in.read());
                        ByteArrayOutputStream msg = new ByteArrayOutputStream();
                        int b;
                        while ((b = in.read()) != MllpClient.END) msg.write(b);
                        assertEquals(MllpClient.CR, in.read());
                        String text = msg.toString(StandardCharsets.UTF_8);
                        received.add(text);
                        String control = text.split("\r")[0].split("\\|")[9];
                        String ack = "MSH|^~\\&|CAREBRIDGE|KENT|PAS|X|20261201000000||ACK|A" + m + "|P|2.5\rMSA|"
                                + (m == 0 ? "AA" : "AE") + "|" + control + "\r";
                        out.write(MllpClient.START);
                        out.write(ack.getBytes(StandardCharsets.UTF_8));
                        out.write(MllpClient.END);
                        out.write(MllpClient.CR);
                        out.flush();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            t.start();
            try (MllpClient c = new MllpClient("localhost:" + server.getLocalPort())) {
                assertEquals("AA", MllpClient.ackCode(c.send(Hl7Adt.message(d, p, "A01"))));
                assertEquals("AE", MllpClient.ackCode(c.send(Hl7Adt.message(d, p, "A03"))));
            }
            t.join(5000);
        }
        assertEquals(2, received.size());
        String[] a01 = received.get(0).split("\r");
        assertTrue(a01[0].startsWith("MSH|^~\\&|PAS|"), a01[0]);
        assertEquals("ADT^A01^ADT_A01", a01[0].split("\\|")[8]);
        assertEquals(d.referralId() + "-A01", a01[0].split("\\|")[9], "control id names the stay and event");
        assertTrue(a01[2].startsWith("PID|"));
        if (p.nhsNumber() != null) assertTrue(a01[2].contains(p.nhsNumber() + "^^^NHS^NH"), "NHS number under authority NHS");
        String[] pv1 = received.get(1).split("\r")[3].split("\\|", -1);
        assertEquals("PV1", pv1[0]);
        assertFalse(pv1[45].isEmpty(), "A03 carries PV1-45 discharge date/time");
    }

    @Test
    void ackCodeIsMsa1() {
        assertEquals("AR", MllpClient.ackCode("MSH|^~\\&|a\rMSA|AR|123\r"));
        assertEquals("no MSA", MllpClient.ackCode("MSH|^~\\&|a\r"));
    }
}
