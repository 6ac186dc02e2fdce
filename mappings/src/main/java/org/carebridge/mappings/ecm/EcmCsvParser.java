package org.carebridge.mappings.ecm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a provider's CSV batch file (RFC 4180: quoted fields may hold delimiters, quotes and line breaks) one
 * record at a time into an {@link EcmSink}. The first row is the header; columns are found by the names in the
 * provider's {@link EcmFeedConfig}, in any order, and unmapped columns are ignored. A bad record becomes a
 * {@link RecordError} and the file goes on; a header without a required column fails the whole file.
 */
public final class EcmCsvParser {
    /** Longest record accepted, in characters: a runaway quote must not swallow the rest of the file. */
    public static final int MAX_RECORD_CHARS = 16 * 1024;
    public static final int MAX_FIELDS = 200;

    private final EcmFeedConfig config;
    private final EcmRecordReader reader;

    public EcmCsvParser(EcmFeedConfig config, Pseudonymiser pseudonymiser) {
        this.config = config;
        this.reader = new EcmRecordReader(config, pseudonymiser);
    }

    /** Thrown when the file as a whole cannot be read: no header, or a required column missing. */
    public static final class FeedException extends RuntimeException {
        public FeedException(String message) {
            super(message);
        }
    }

    public EcmParseResult parseAll(Reader in) {
        EcmParseResult.Collector c = new EcmParseResult.Collector();
        parse(in, c);
        return c.result();
    }

    /** @return the number of data records read */
    public long parse(Reader in, EcmSink sink) {
        Tokenizer t = new Tokenizer(in, config.delimiter());
        List<String> header = t.next();
        if (header == null) {
            throw new FeedException("empty file: no header row");
        }
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).trim(), i);
        }
        Map<EcmField, Integer> at = new EnumMap<>(EcmField.class);
        List<String> missing = new ArrayList<>();
        for (EcmField f : EcmField.values()) {
            Integer i = columns.get(config.name(f));
            if (i != null) {
                at.put(f, i);
            } else if (f.required()) {
                missing.add(config.name(f));
            }
        }
        if (!at.containsKey(EcmField.WORKER) && !at.containsKey(EcmField.WORKER_NINO)) {
            missing.add(config.name(EcmField.WORKER));
        }
        if (!missing.isEmpty()) {
            throw new FeedException("header lacks required column(s) " + missing + " for provider " + config.providerId());
        }
        long n = 0;
        while (true) {
            List<String> row;
            try {
                row = t.next();
            } catch (Tokenizer.TooLong e) {
                n++;
                sink.error(new RecordError(n, null, "record", e.getMessage(), Map.of()));
                continue;
            }
            if (row == null) {
                return n;
            }
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue; // blank line
            }
            n++;
            if (row.size() > header.size()) {
                sink.error(new RecordError(n, null, "record", "has " + row.size() + " fields, header has "
                        + header.size(), Map.of()));
                continue;
            }
            Map<EcmField, String> raw = new EnumMap<>(EcmField.class);
            for (Map.Entry<EcmField, Integer> e : at.entrySet()) {
                raw.put(e.getKey(), e.getValue() < row.size() ? row.get(e.getValue()) : null);
            }
            reader.read(n, raw, sink);
        }
    }

    /** RFC 4180 tokenizer over a Reader, one record per call. */
    static final class Tokenizer {
        static final class TooLong extends RuntimeException {
            TooLong(String m) {
                super(m, null, false, false);
            }
        }

        private final Reader in;
        private final char delimiter;
        private int pushback = -2;
        // Own buffer: Reader.read() one char at a time takes a lock per character.
        private final char[] buf = new char[8192];
        private int pos;
        private int len;

        Tokenizer(Reader in, char delimiter) {
            this.in = in;
            this.delimiter = delimiter;
        }

        private int read() {
            if (pushback != -2) {
                int c = pushback;
                pushback = -2;
                return c;
            }
            if (pos == len) {
                try {
                    len = in.read(buf, 0, buf.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return -1;
                }
            }
            return buf[pos++];
        }

        /** The next record's fields, or null at end of input. */
        List<String> next() {
            int c = read();
            if (c == -1) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int length = 0;
            while (true) {
                if (++length > MAX_RECORD_CHARS || fields.size() > MAX_FIELDS) {
                    skipLine();
                    throw new TooLong("record longer than " + MAX_RECORD_CHARS + " characters or "
                            + MAX_FIELDS + " fields (unclosed quote?)");
                }
                if (quoted) {
                    if (c == -1) {
                        fields.add(field.toString());
                        return fields; // unterminated quote at end of file: take what there is
                    }
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            c = d;
                            continue;
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == delimiter) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' || c == '\n' || c == -1) {
                    if (c == '\r') {
                        int d = read();
                        if (d != '\n') {
                            pushback = d;
                        }
                    }
                    fields.add(field.toString());
                    return fields;
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }

        private void skipLine() {
            int c;
            do {
                c = read();
            } while (c != -1 && c != '\n');
        }
    }
}
