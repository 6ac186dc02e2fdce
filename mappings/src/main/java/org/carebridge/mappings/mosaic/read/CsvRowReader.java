package org.carebridge.mappings.mosaic.read;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 rows from a character stream: comma separated, double-quoted fields may hold commas, quotes ("") and
 * line breaks. A row longer than the limit is consumed to its end and reported, so reading can go on.
 */
final class CsvRowReader {
    static final class RowTooLong extends Exception {
        final long line;
        /** The fields completed before the limit: usually enough to know the row type and person. */
        final List<String> partial;

        RowTooLong(long line, List<String> partial) {
            super("row longer than the record limit");
            this.line = line;
            this.partial = partial;
        }
    }

    private final Reader in;
    private final int maxRowChars;
    private long line = 1;
    private long rowLine;
    private int peeked = -2;

    CsvRowReader(Reader in, int maxRowChars) {
        this.in = in;
        this.maxRowChars = maxRowChars;
    }

    /** Line on which the last returned row started. */
    long rowLine() {
        return rowLine;
    }

    /** The next row, or null at the end of the input. Blank lines are skipped. */
    List<String> next() throws IOException, RowTooLong {
        while (true) {
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\r' || c == '\n') {
                endOfLine(c);
                continue;
            }
            unread(c);
            return row();
        }
    }

    private List<String> row() throws IOException, RowTooLong {
        rowLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int chars = 0;
        boolean quoted = false;
        boolean tooLong = false;
        while (true) {
            int c = read();
            if (++chars > maxRowChars) {
                tooLong = true;
            }
            if (c == -1) {
                if (quoted) {
                    // An unterminated quote runs to the end of the file: nothing after it can be trusted.
                    throw new IOException("unterminated quoted field starting on line " + rowLine);
                }
                break;
            }
            if (quoted) {
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        if (!tooLong) {
                            field.append('"');
                        }
                    } else {
                        quoted = false;
                        unread(d);
                    }
                } else {
                    if (c == '\n' || (c == '\r' && peek() != '\n')) {
                        line++;
                    }
                    if (!tooLong) {
                        field.append((char) c);
                    }
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                if (!tooLong) {
                    fields.add(field.toString());
                }
                field.setLength(0);
            } else if (c == '\r' || c == '\n') {
                endOfLine(c);
                break;
            } else if (!tooLong) {
                field.append((char) c);
            }
        }
        if (tooLong) {
            throw new RowTooLong(rowLine, fields);
        }
        fields.add(field.toString());
        return fields;
    }

    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            int d = read();
            if (d != '\n') {
                unread(d);
            }
        }
        line++;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private int peek() throws IOException {
        int c = read();
        unread(c);
        return c;
    }

    private void unread(int c) {
        peeked = c;
    }
}
