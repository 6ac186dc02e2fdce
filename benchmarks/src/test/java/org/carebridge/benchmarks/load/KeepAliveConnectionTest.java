package org.carebridge.benchmarks.load;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/** The lean client against real local servers: the JDK's HTTP server, and a raw socket one for what it will not do. */
class KeepAliveConnectionTest {
    private HttpServer server;
    private ServerSocket raw;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger rawConnections = new AtomicInteger();

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.stop(0);
        if (raw != null) raw.close();
    }

    /** The JDK server at /fhir/kent: echoes path and Authorization; ?status=N answers N; ?chunked streams the body. */
    private String jdkServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fhir/kent", ex -> {
            String q = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            requests.add(ex.getRequestURI().getRawPath() + (q.isEmpty() ? "" : "?" + q) + " " + auth);
            byte[] body = ("{\"path\":\"" + ex.getRequestURI().getRawPath() + "\",\"auth\":\"" + auth + "\","
                    + "\"pad\":\"" + "x".repeat(q.contains("big") ? 200_000 : 10) + "\"}").getBytes(StandardCharsets.UTF_8);
            int status = q.startsWith("status=") ? Integer.parseInt(q.substring(7, 10)) : 200;
            if (q.contains("close")) ex.getResponseHeaders().set("Connection", "close");
            ex.getResponseHeaders().set("Content-Type", "application/fhir+json");
            ex.sendResponseHeaders(status, q.contains("chunked") ? 0 : body.length);
            try (OutputStream o = ex.getResponseBody()) {
                if (q.contains("chunked")) {    // in pieces, so that it goes out in several chunks
                    for (int i = 0; i < body.length; i += 700) {
                        o.write(body, i, Math.min(700, body.length - i));
                        o.flush();
                    }
                } else {
                    o.write(body);
                }
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir/kent/";
    }

    /**
     * A raw server: for each connection reads requests and writes {@code answer(request number)}; null closes the
     * connection instead, an answer ending in {@link #THEN_CLOSE} closes it after.
     */
    private String rawServer(Function<Integer, String> answer) throws IOException {
        raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger n = new AtomicInteger();
        Thread t = new Thread(() -> {
            while (!raw.isClosed()) {
                try (Socket s = raw.accept()) {
                    rawConnections.incrementAndGet();
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    while (readHead(in)) {
                        String a = answer.apply(n.getAndIncrement());
                        if (a == null) break;
                        boolean close = a.endsWith(THEN_CLOSE);
                        out.write(a.replace(THEN_CLOSE, "").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        if (close) break;
                    }
                } catch (IOException e) {
                    // the listener closed at the end of the test, or the client went away
                }
            }
        }, "raw-http");
        t.setDaemon(true);
        t.start();
        return "http://127.0.0.1:" + raw.getLocalPort() + "/fhir";
    }

    private static final String THEN_CLOSE = "<close>";

    private boolean readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            String h = head.toString(StandardCharsets.US_ASCII);
            if (h.endsWith("\r\n\r\n")) {
                requests.add(h);
                return true;
            }
        }
        return false;
    }

    @Test
    void readsContentLengthAndChunkedBodiesOnOneKeptAliveConnection() throws Exception {
        String base = jdkServer();
        try (KeepAliveConnection c = new KeepAliveConnection(base, 2000, 5000)) {
            KeepAliveConnection.Reply fixed = c.get("Appointment/a1", "tok-1");
            assertEquals(200, fixed.status());
            assertEquals("{\"path\":\"/fhir/kent/Appointment/a1\",\"auth\":\"Bearer tok-1\",\"pad\":\"xxxxxxxxxx\"}", fixed.text());
            KeepAliveConnection.Reply chunked = c.get("Appointment?chunked&big", "tok-2");
            assertEquals(200, chunked.status());
            String text = chunked.text();
            assertTrue(text.startsWith("{\"path\":\"/fhir/kent/Appointment\",\"auth\":\"Bearer tok-2\""), text.substring(0, 60));
            assertEquals(200_000 + text.indexOf("\"pad\":\"") + 7 + 2, text.length(), "the whole body, chunks joined");
            KeepAliveConnection.Reply big = c.get("Appointment?big", null);
            assertEquals(200, big.status());
            assertTrue(big.text().endsWith("x\"}"));
            assertTrue(big.text().contains("\"auth\":\"null\""), "no Authorization header without a token");
            for (int i = 0; i < 20; i++) assertEquals(200, c.get("Appointment/a" + i, "tok-1").status());
            assertEquals(1, c.connects(), "every request on the first connection");
        }
        assertEquals(23, requests.size());
    }

    @Test
    void reportsClientAndServerErrorsWithTheirBodiesAndKeepsTheConnection() throws Exception {
        String base = jdkServer();
        try (KeepAliveConnection c = new KeepAliveConnection(base, 2000, 5000)) {
            KeepAliveConnection.Reply notFound = c.get("Appointment/none?status=404", "t");
            assertEquals(404, notFound.status());
            assertTrue(notFound.text().contains("/fhir/kent/Appointment/none"));
            assertEquals(500, c.get("Appointment?status=500", "t").status());
            assertEquals(401, c.get("Appointment?status=401&chunked", "t").status());
            assertEquals(200, c.get("metadata", "t").status());
            assertEquals(1, c.connects());
        }
    }

    @Test
    void opensANewConnectionAfterTheServerSaysClose() throws Exception {
        String base = jdkServer();
        try (KeepAliveConnection c = new KeepAliveConnection(base, 2000, 5000)) {
            assertEquals(200, c.get("Appointment/a1?close", "t").status());
            assertEquals(200, c.get("Appointment/a2?close&chunked", "t").status());
            assertEquals(200, c.get("Appointment/a3", "t").status());
            assertEquals(200, c.get("Appointment/a4", "t").status());
            assertEquals(3, c.connects(), "a new connection after each Connection: close, then kept");
        }
    }

    @Test
    void sendsTheGetAgainWhenAKeptConnectionWasClosedBeforeAnswering() throws Exception {
        // The server answers one request per connection and then closes it without saying so (an idle timeout).
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
        String base = rawServer(i -> i % 2 == 0 ? ok : null);
        try (KeepAliveConnection c = new KeepAliveConnection(base, 2000, 5000)) {
            for (int i = 0; i < 3; i++) {
                KeepAliveConnection.Reply r = c.get("Patient/p" + i, "t");
                assertEquals(200, r.status());
                assertEquals("{}", r.text());
            }
            assertEquals(3, c.connects());
        }
        assertTrue(requests.get(0).startsWith("GET /fhir/Patient/p0 HTTP/1.1\r\n"), requests.get(0));
        assertTrue(requests.get(0).contains("\r\nAuthorization: Bearer t\r\n"));
        assertTrue(requests.get(0).contains("\r\nHost: 127.0.0.1:"));
    }

    @Test
    void aFreshConnectionClosedWithoutAnAnswerIsAnErrorNotARetry() throws Exception {
        String base = rawServer(i -> null);
        try (KeepAliveConnection c = new KeepAliveConnection(base, 2000, 5000)) {
            IOException e = assertThrows(IOException.class, () -> c.get("metadata", null));
            assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
            assertEquals(1, c.connects());
        }
    }

    @Test
    void readsHttp10AndBodiesThatRunToTheEndOfTheConnection() throws Exception {
        String base = rawServer(i -> switch (i) {
            case 0 -> "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc";   // 1.0: closed after
            default -> "HTTP/1.1 503 Service Unavailable\r\nCONTENT-TYPE: text/plain\r\n\r\nbusy until the end" + THEN_CLOSE;
        });
        try (KeepAliveConnection c = new KeepAliveConnection(base, 2000, 5000)) {
            assertEquals("abc", c.get("a", null).text());
            KeepAliveConnection.Reply r = c.get("b", null);
            assertEquals(503, r.status());
            assertEquals("busy until the end", r.text());
            assertEquals(2, c.connects());
        }
    }

    @Test
    void chunkExtensionsTrailersAndInterimAnswersAreRead() throws Exception {
        String base = rawServer(i -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n"
                + "4;ext=1\r\nWiki\r\nA\r\n, chunked.\r\n0\r\nX-Trailer: y\r\n\r\n");
        try (KeepAliveConnection c = new KeepAliveConnection(base, 2000, 5000)) {
            assertEquals("Wiki, chunked.", c.get("x", null).text());
            assertEquals("Wiki, chunked.", c.get("y", null).text());
            assertEquals(1, c.connects());
        }
    }

    @Test
    void malformedAnswersAreClearErrors() throws Exception {
        String base = rawServer(i -> switch (i) {
            case 0 -> "SPDY/3 200 OK\r\n\r\n";
            case 1 -> "HTTP/1.1 200 OK\r\nContent-Length: lots\r\n\r\n";
            case 2 -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
            case 3 -> "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n";
            default -> "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort";
        });
        List<String> messages = new java.util.ArrayList<>();
        try (KeepAliveConnection c = new KeepAliveConnection(base, 2000, 5000)) {
            for (int i = 0; i < 4; i++) {
                messages.add(assertThrows(KeepAliveConnection.MalformedResponseException.class, () -> c.get("x", null)).getMessage());
            }
        }
        // The short body: the server keeps the connection open, so the read times out rather than seeing its end.
        try (KeepAliveConnection c = new KeepAliveConnection(base, 2000, 300)) {
            assertThrows(SocketTimeoutException.class, () -> c.get("x", null));
        }
        assertEquals(List.of("not an HTTP/1.x status line (13 bytes)", "a Content-Length that is not a number",
                "a chunk size that is not a hex number", "a header line without a colon"), messages);
        assertEquals(5, rawConnections.get(), "a connection is not used again after a malformed answer");
    }

    @Test
    void aConnectionRefusedIsAnErrorAndABadBaseUrlIsRefused() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        try (KeepAliveConnection c = new KeepAliveConnection("http://127.0.0.1:" + free + "/fhir", 1000, 1000)) {
            assertThrows(java.net.ConnectException.class, () -> c.get("metadata", null));
        }
        assertThrows(IllegalArgumentException.class, () -> new KeepAliveConnection("https://example.org/fhir", 1000, 1000));
        String base = jdkServer();
        try (KeepAliveConnection c = new KeepAliveConnection(base, 1000, 1000)) {
            assertThrows(IllegalArgumentException.class, () -> c.get("x", "a\r\nX-Evil: 1"), "no header smuggled in a token");
            assertThrows(IllegalArgumentException.class, () -> c.get("a b", null));
            assertEquals(200, c.get("Patient?name=Zo\u00eb", null).status());
        }
        assertTrue(requests.get(requests.size() - 1).startsWith("/fhir/kent/Patient?name=Zo%C3%AB "), requests.toString());
    }
}
