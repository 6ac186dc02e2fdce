package org.carebridge.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One MLLP connection: 0x0B + message + 0x1C 0x0D out, the ACK read back the same way (shared/standards.md). */
public final class MllpClient implements AutoCloseable {
    static final int START = 0x0B, END = 0x1C, CR = 0x0D;
    private static final int MAX_ACK = 1 << 20;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpClient(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException("--mllp: host:port expected, got '" + hostPort + "'");
        socket = new Socket();
        socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), 10_000);
        socket.setSoTimeout(60_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends one message and returns the reply (segments separated by CR, framing removed). */
    public String send(String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[body.length + 3];
        framed[0] = START;
        System.arraycopy(body, 0, framed, 1, body.length);
        framed[body.length + 1] = END;
        framed[body.length + 2] = CR;
        out.write(framed);
        out.flush();
        return read();
    }

    private String read() throws IOException {
        int b;
        while ((b = in.read()) != START) {
            if (b < 0) throw new IOException("MLLP: connection closed before a reply");
        }
        ByteArrayOutputStream reply = new ByteArrayOutputStream(256);
        while (true) {
            b = in.read();
            if (b < 0) throw new IOException("MLLP: connection closed inside a reply");
            if (b == END) {
                if (in.read() != CR) throw new IOException("MLLP: end block not followed by CR");
                return reply.toString(StandardCharsets.UTF_8);
            }
            if (reply.size() > MAX_ACK) throw new IOException("MLLP: reply larger than " + MAX_ACK + " bytes");
            reply.write(b);
        }
    }

    /** MSA-1 of an ACK (AA, AE, AR, CA, ...), or "no MSA". */
    public static String ackCode(String ack) {
        for (String seg : ack.split("\r")) {
            if (seg.startsWith("MSA|")) {
                String[] f = seg.split("\\|", -1);
                return f.length > 1 ? f[1] : "no MSA-1";
            }
        }
        return "no MSA";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
