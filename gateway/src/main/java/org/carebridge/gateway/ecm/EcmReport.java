package org.carebridge.gateway.ecm;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-record answer to one file or push: how many records were accepted, and each record that was not, with
 * its number, event id, outcome and reason (no personal data). Every record not listed was accepted.
 */
public final class EcmReport {
    /** More than this many listed records are counted but not listed (a broken file must not make a huge report). */
    static final int MAX_LISTED = 10_000;

    public enum Outcome { ACCEPTED, DUPLICATE, CONFLICTING_DUPLICATE, REJECTED, INVALID }

    public record Entry(long record, String eventId, String outcome, String reason) {}

    public String source;
    public int accepted;
    public int duplicates;
    public int rejected;
    public int invalid;
    public int visitsJudged;
    public int alertsRaised;
    public final List<Entry> records = new ArrayList<>();
    public boolean truncated;
    public final List<Long> deadLetters = new ArrayList<>();
    public Long batchId;
    /** Where the time went, milliseconds per phase (parse includes everything the parser's caller did not time). */
    public final java.util.Map<String, Long> phaseMillis = new java.util.LinkedHashMap<>();

    void time(String phase, long startNanos) {
        phaseMillis.merge(phase, (System.nanoTime() - startNanos) / 1_000_000, Long::sum);
    }

    void add(long record, String eventId, Outcome o, String reason) {
        switch (o) {
            case ACCEPTED -> { accepted++; return; }
            case DUPLICATE, CONFLICTING_DUPLICATE -> duplicates++;
            case REJECTED -> rejected++;
            case INVALID -> invalid++;
        }
        if (records.size() < MAX_LISTED) {
            records.add(new Entry(record, eventId, o.name().toLowerCase().replace('_', '-'), reason));
        } else {
            truncated = true;
        }
    }

    public int total() {
        return accepted + duplicates + rejected + invalid;
    }
}
