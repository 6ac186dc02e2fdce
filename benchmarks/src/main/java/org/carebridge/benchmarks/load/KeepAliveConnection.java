package org.carebridge.benchmarks.load;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One blocking HTTP/1.1 keep-alive connection to an http:// FHIR base URL, for one virtual client's GETs (not
 * thread-safe: one per client thread). The load driver shares two cores with the gateway and PostgreSQL, and
 * java.net.http cost as much CPU per read as the gateway itself; this does the least a measurement needs: the request
 * bytes built once but for the path and the bearer token, one write per request, and of the response the status
 * line, Content-Length or chunked framing and Connection: close. The body is read into a buffer reused by the next
 * request. When the server closes the connection it is opened again; a GET on a reused connection that the server
 * had closed before answering (its idle timeout) is sent once more on a new one.
 */
public final class KeepAliveConnection implements Closeable {
    /** Largest status line or header line, and largest body, we accept: beyond that the answer is not FHIR. */
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_BODY = 256 * 1024 * 1024;

    /** The answer to one request; {@code body} is this connection's buffer, valid up to {@code length} until the next request. */
    public record Reply(int status, byte[] body, int length) {
        public String text() {
            return new String(body, 0, length, StandardCharsets.UTF_8);
        }
    }

    /** The server's answer is not HTTP/1.x as we can read it (the message says what was wrong, never the body). */
    public static final class MalformedResponseException extends IOException {
        MalformedResponseException(String message) {
            super(message);
        }
    }

    private final String host;
    private final int port;
    private final int connectTimeoutMillis, readTimeoutMillis;
    private final byte[] head;          // "GET /fhir/kent/"
    private final byte[] tail;          // " HTTP/1.1\r\nHost: ..\r\nAccept: ..\r\n"
    private String lastToken;
    private byte[] lastTokenLine = new byte[0];
    private byte[] out = new byte[1024];
    private final byte[] in = new byte[32 * 1024];
    private int pos, lim;
    private byte[] body = new byte[16 * 1024];
    private Socket socket;
    private InputStream input;
    private OutputStream output;
    private boolean reused;
    private boolean answering;          // a byte of this request's answer has come
    private long connects;

    /** {@code baseUrl} must be http:// (the tenant path included, e.g. http://host:8080/fhir/kent). */
    public KeepAliveConnection(String baseUrl, int connectTimeoutMillis, int readTimeoutMillis) {
        URI u = URI.create(baseUrl.replaceAll("/+$", ""));
        if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("an http:// base URL with a host is needed, not " + baseUrl);
        }
        this.host = u.getHost();
        this.port = u.getPort() < 0 ? 80 : u.getPort();
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        this.head = ascii("GET " + printable(path) + "/");
        this.tail = ascii(" HTTP/1.1" + CRLF_TEXT + "Host: " + printable(u.getRawAuthority()) + CRLF_TEXT
                + "Accept: application/fhir+json" + CRLF_TEXT + "User-Agent: carebridge-benchmarks" + CRLF_TEXT);
    }

    /** How many times a socket was opened: 1 for a run where every request reused the first. */
    public long connects() {
        return connects;
    }

    /**
     * GET {@code path} relative to the base URL ("Appointment/123", "Appointment?patient=.."), with this bearer token
     * when not null or blank.
     */
    public Reply get(String path, String bearer) throws IOException {
        int n = request(path, bearer);
        for (int attempt = 0; ; attempt++) {
            boolean wasReused = socket != null && reused;
            answering = false;
            try {
                if (socket == null) connect();
                output.write(out, 0, n);
                return read();
            } catch (IOException e) {
                close();
                // A reused connection the server closed (or reset) before answering: the GET again on a new one, once.
                boolean stale = wasReused && attempt == 0 && !answering && !(e instanceof SocketTimeoutException)
                        && !(e instanceof MalformedResponseException);
                if (!stale) {
                    if (e instanceof StaleConnection) throw new EOFException("the server closed the connection without answering");
                    throw e;
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    /** The request's bytes in {@link #out}; returns their length. */
    private int request(String path, String bearer) {
        if (bearer != null && bearer.isBlank()) bearer = null;
        if (bearer != lastToken && (bearer == null || !bearer.equals(lastToken))) {
            lastTokenLine = bearer == null ? new byte[0] : ascii("Authorization: Bearer " + printable(bearer) + CRLF_TEXT);
            lastToken = bearer;
        }
        int n = 0;
        n = put(head, n);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == 0x7f) throw new IllegalArgumentException("a space or control character in the path");
            if (c < 0x80) {
                if (n == out.length) out = Arrays.copyOf(out, out.length * 2);
                out[n++] = (byte) c;
            } else {                    // percent-encoded UTF-8, as a URI's ASCII form has it
                int end = Character.isHighSurrogate(c) && i + 1 < path.length() ? i + 2 : i + 1;
                for (byte b : path.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    n = put(new byte[]{'%', hex(b >> 4), hex(b)}, n);
                }
                i = end - 1;
            }
        }
        n = put(tail, n);
        n = put(lastTokenLine, n);
        return put(CRLF, n);
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private int put(byte[] b, int n) {
        if (n + b.length > out.length) out = Arrays.copyOf(out, Math.max(out.length * 2, n + b.length));
        System.arraycopy(b, 0, out, n, b.length);
        return n + b.length;
    }

    private static byte hex(int v) {
        return (byte) "0123456789ABCDEF".charAt(v & 0xf);
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            s.setSoTimeout(readTimeoutMillis);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        input = s.getInputStream();
        output = s.getOutputStream();
        pos = lim = 0;
        reused = false;
        connects++;
    }

    /** Signals EOF before the first byte of an answer: the server had closed the connection (we may retry a GET). */
    private static final class StaleConnection extends IOException {
        StaleConnection() {
            super("the server closed the connection without answering");
        }
    }

    private Reply read() throws IOException {
        if (pos == lim && fill() < 0) throw new StaleConnection();
        answering = true;
        int status;
        boolean http10;
        long contentLength;
        boolean chunked, close;
        do {                            // skip 1xx interim answers
            int from = pos, end = lineEnd();
            // "HTTP/1.1 200 OK": the version, a space, three digits, then a space or the end of the line.
            if (end - from < 12 || !startsWith(from, "HTTP/1.") || in[from + 8] != ' ' || (end - from > 12 && in[from + 12] != ' ')
                    || !digit(in[from + 9]) || !digit(in[from + 10]) || !digit(in[from + 11])) {
                throw new MalformedResponseException("not an HTTP/1.x status line (" + (end - from) + " bytes)");
            }
            http10 = in[from + 7] == '0';
            status = (in[from + 9] - '0') * 100 + (in[from + 10] - '0') * 10 + (in[from + 11] - '0');
            pos = end + 2;
            contentLength = -1;
            chunked = false;
            close = http10;
            for (int e = lineEnd(); e > pos; e = lineEnd()) {
                int colon = indexOf((byte) ':', pos, e);
                if (colon < 0) throw new MalformedResponseException("a header line without a colon");
                if (named(pos, colon, "content-length")) {
                    contentLength = number(colon + 1, e);
                } else if (named(pos, colon, "transfer-encoding")) {
                    chunked = valueHas(colon + 1, e, "chunked");
                } else if (named(pos, colon, "connection")) {
                    if (valueHas(colon + 1, e, "close")) close = true;
                    else if (valueHas(colon + 1, e, "keep-alive")) close = false;
                }
                pos = e + 2;
            }
            pos += 2;                   // the empty line
        } while (status / 100 == 1);
        int length;
        if (status == 204 || status == 304) length = 0;
        else if (chunked) length = chunked();
        else if (contentLength >= 0) length = fixed(contentLength);
        else {                          // neither: the body runs to the end of the connection
            length = toEnd();
            close = true;
        }
        if (close) close();
        else reused = true;
        return new Reply(status, body, length);
    }

    private int fixed(long n) throws IOException {
        if (n > MAX_BODY) throw new MalformedResponseException("a Content-Length of " + n + " bytes");
        int len = (int) n;
        ensureBody(len);
        int got = Math.min(len, lim - pos);
        System.arraycopy(in, pos, body, 0, got);
        pos += got;
        while (got < len) {             // the rest straight into the body
            int r = input.read(body, got, len - got);
            if (r < 0) throw new MalformedResponseException("the connection closed " + (len - got) + " bytes before the end of the body");
            got += r;
        }
        return len;
    }

    private int chunked() throws IOException {
        int len = 0;
        while (true) {
            int e = lineEnd();
            int sizeEnd = indexOf((byte) ';', pos, e);
            long size = hexNumber(pos, sizeEnd < 0 ? e : sizeEnd);
            pos = e + 2;
            if (size == 0) break;
            if (len + size > MAX_BODY) throw new MalformedResponseException("a chunked body over " + MAX_BODY + " bytes");
            ensureBody(len + (int) size);
            for (int left = (int) size; left > 0; ) {
                if (pos == lim && fill() < 0) throw new MalformedResponseException("the connection closed inside a chunk");
                int take = Math.min(left, lim - pos);
                System.arraycopy(in, pos, body, len, take);
                pos += take;
                len += take;
                left -= take;
            }
            if (lineEnd() != pos) throw new MalformedResponseException("a chunk not followed by CRLF");
            pos += 2;
        }
        for (int e = lineEnd(); e > pos; e = lineEnd()) pos = e + 2;   // trailers, ignored
        pos += 2;
        return len;
    }

    private int toEnd() throws IOException {
        int len = 0;
        while (true) {
            if (pos == lim && fill() < 0) return len;
            int take = lim - pos;
            if (len + take > MAX_BODY) throw new MalformedResponseException("a body over " + MAX_BODY + " bytes");
            ensureBody(len + take);
            System.arraycopy(in, pos, body, len, take);
            len += take;
            pos = lim;
        }
    }

    private void ensureBody(int n) {
        if (n > body.length) body = Arrays.copyOf(body, Math.max(n, body.length * 2));
    }

    /** Index of the CR of the next CRLF at or after {@link #pos}, reading more as needed. */
    private int lineEnd() throws IOException {
        int from = pos;
        while (true) {
            for (int i = from; i + 1 < lim; i++) {
                if (in[i] == '\r' && in[i + 1] == '\n') return i;
            }
            from = Math.max(pos, lim - 1);
            if (lim - pos >= MAX_LINE) throw new MalformedResponseException("a line over " + MAX_LINE + " bytes");
            int before = pos;
            if (fill() < 0) throw new MalformedResponseException("the connection closed inside the response head");
            from -= before - pos;       // fill() may have moved the buffer's content to its start
        }
    }

    /** Reads more into {@link #in} after {@link #lim} (moving what is unread to the start first); -1 at the end. */
    private int fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(in, pos, in, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == in.length) throw new MalformedResponseException("a response head over " + in.length + " bytes");
        int r = input.read(in, lim, in.length - lim);
        if (r > 0) lim += r;
        return r;
    }

    private boolean startsWith(int from, String s) {
        for (int i = 0; i < s.length(); i++) if (in[from + i] != s.charAt(i)) return false;
        return true;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) if (in[i] == b) return i;
        return -1;
    }

    /** Whether the header name in [from, to) is {@code lower} (ASCII, case-insensitive). */
    private boolean named(int from, int to, String lower) {
        if (to - from != lower.length()) return false;
        for (int i = 0; i < lower.length(); i++) if ((in[from + i] | 0x20) != lower.charAt(i)) return false;
        return true;
    }

    /** Whether the header value in [from, to) contains {@code lower} (case-insensitive): "close", "chunked". */
    private boolean valueHas(int from, int to, String lower) {
        outer:
        for (int i = from; i + lower.length() <= to; i++) {
            for (int j = 0; j < lower.length(); j++) if ((in[i + j] | 0x20) != lower.charAt(j)) continue outer;
            return true;
        }
        return false;
    }

    private long number(int from, int to) throws MalformedResponseException {
        while (from < to && in[from] == ' ') from++;
        while (to > from && in[to - 1] == ' ') to--;
        if (from == to || to - from > 12) throw new MalformedResponseException("a Content-Length that is not a number");
        long v = 0;
        for (int i = from; i < to; i++) {
            if (!digit(in[i])) throw new MalformedResponseException("a Content-Length that is not a number");
            v = v * 10 + (in[i] - '0');
        }
        return v;
    }

    private long hexNumber(int from, int to) throws MalformedResponseException {
        while (to > from && (in[to - 1] == ' ' || in[to - 1] == '\t')) to--;
        if (from == to || to - from > 8) throw new MalformedResponseException("a chunk size that is not a hex number");
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(in[i], 16);
            if (d < 0) throw new MalformedResponseException("a chunk size that is not a hex number");
            v = v * 16 + d;
        }
        return v;
    }

    private static final String CRLF_TEXT = "\r\n";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A header value or the base URL's path as given, when printable ASCII (no header of our own smuggled in). */
    private static String printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' || c >= 0x7f) throw new IllegalArgumentException("not printable ASCII in a header or the base URL");
        }
        return s;
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        input = null;
        output = null;
        pos = lim = 0;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing after an error or the server's close: nothing to do
            }
        }
    }
}
