package org.carebridge.gateway.discharge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A hospital's interface engine over a plain socket: 0x0B message 0x1C 0x0D, then read the ACK frame. */
final class Mllp implements AutoCloseable {
    private final Socket socket;

    Mllp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30000);
    }

    String send(String message) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(0x0B);
        out.write(message.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0x1C);
        out.write(0x0D);
        out.flush();
        InputStream in = socket.getInputStream();
        int b = in.read();
        if (b != 0x0B) {
            throw new IOException("expected start of block 0x0B, got " + b);
        }
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        while ((b = in.read()) != -1) {
            if (b == 0x1C) {
                in.read();
                return ack.toString(StandardCharsets.ISO_8859_1);
            }
            ack.write(b);
        }
        throw new IOException("connection closed before the end of the ACK frame");
    }

    /** HL7 TS with an explicit UTC offset. */
    static String ts(Instant t) {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").format(t.atOffset(ZoneOffset.UTC));
    }

    /** An ADT message for one person; PV1-44 admitted, PV1-45 discharged (either may be null). */
    static String adt(String trigger, String controlId, String nhs, Instant admitted, Instant discharged) {
        String pv1Times = (admitted == null ? "" : ts(admitted)) + (discharged == null ? "" : "|" + ts(discharged));
        return "MSH|^~\\&|PAS|RVV01|CAREBRIDGE|KCC|" + ts(Instant.now()) + "||ADT^" + trigger + "^ADT_A01|" + controlId + "|P|2.5\r"
                + "EVN|" + trigger + "|" + ts(Instant.now()) + "\r"
                + "PID|1||" + nhs + "^^^NHS^NH||Example^Pat||19400101|F\r"
                + "PV1|1|I|WARD7^B2^12^RVV01" + "|".repeat(41) + pv1Times + "\r";
    }

    /** MSA-1 of an ACK. */
    static String ackCode(String ack) {
        for (String seg : ack.split("\r")) {
            if (seg.startsWith("MSA|")) {
                return seg.split("\\|")[1];
            }
        }
        throw new AssertionError("no MSA in ACK");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
