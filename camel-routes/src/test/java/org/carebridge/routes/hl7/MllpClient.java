package org.carebridge.routes.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain-socket MLLP sender, as a hospital engine would be: 0x0B message 0x1C 0x0D, then read the ACK frame.
 * Shared with the gateway's tests through this module's test-jar.
 */
public final class MllpClient implements AutoCloseable {
    private final Socket socket;

    public MllpClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30000);
    }

    /** Sends one message (ISO-8859-1) and returns the ACK. */
    public String send(String message) throws IOException {
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
                int cr = in.read();
                if (cr != 0x0D) {
                    throw new IOException("expected 0x0D after 0x1C, got " + cr);
                }
                return ack.toString(StandardCharsets.ISO_8859_1);
            }
            ack.write(b);
        }
        throw new IOException("connection closed before the end of the ACK frame");
    }

    /** MSA-1 of an ACK (AA, AE, AR). */
    public static String ackCode(String ack) {
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
