package org.carebridge.mappings.ecm;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.ManualEntry;
import org.carebridge.rules.visits.VisitEvent;

/**
 * Turns one record's raw field values (from CSV or JSON) into a {@link VisitEvent}, pseudonymising the worker on
 * the way, or into a {@link RecordError} naming the field and the reason. Shared by both parsers so a provider
 * gets the same rules whichever way it sends.
 */
final class EcmRecordReader {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,63}");
    private static final int MAX_TEXT = 1000;

    private final EcmFeedConfig config;
    private final Pseudonymiser pseudonymiser;

    /**
     * Pseudonyms already made by this reader (one file or push): a worker is on many of its records, and each
     * pseudonym is an HMAC. Bounded; held only as long as the parse, like the records themselves.
     */
    private final Map<String, String> pseudonyms = new HashMap<>();
    private static final int MAX_PSEUDONYMS = 10_000;

    EcmRecordReader(EcmFeedConfig config, Pseudonymiser pseudonymiser) {
        this.config = config;
        this.pseudonymiser = pseudonymiser;
    }

    private String worker(String raw) {
        String p = pseudonyms.get(raw);
        if (p == null) {
            p = pseudonymiser.worker(raw);
            if (pseudonyms.size() < MAX_PSEUDONYMS) pseudonyms.put(raw, p);
        }
        return p;
    }

    /** Thrown inside {@link #read}; becomes a {@link RecordError}. */
    private static final class Bad extends RuntimeException {
        final EcmField field;

        Bad(EcmField field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }

    void read(long recordNumber, Map<EcmField, String> raw, EcmSink sink) {
        Map<EcmField, String> v = new EnumMap<>(EcmField.class);
        raw.forEach((f, s) -> {
            if (s != null && !s.isBlank()) {
                v.put(f, s.trim());
            }
        });
        String eventId = v.get(EcmField.EVENT_ID);
        try {
            sink.event(recordNumber, toEvent(v));
        } catch (Bad b) {
            String idForReport = eventId != null && ID.matcher(eventId).matches() && !Pseudonymiser.isNino(eventId) ? eventId : null;
            sink.error(new RecordError(recordNumber, idForReport,
                    b.field == null ? "record" : config.name(b.field), b.getMessage(), sanitise(v)));
        }
    }

    private VisitEvent toEvent(Map<EcmField, String> v) {
        for (EcmField f : EcmField.values()) {
            if (f.required() && !v.containsKey(f)) {
                throw new Bad(f, "required but empty or missing");
            }
        }
        String eventId = id(v, EcmField.EVENT_ID);
        String provider = Optional.ofNullable(id(v, EcmField.PROVIDER)).orElse(config.providerId());
        if (!provider.equals(config.providerId())) {
            throw new Bad(EcmField.PROVIDER, "record names another provider than the feed it came in on");
        }
        EventKind kind = kind(v.get(EcmField.KIND));
        Instant time = time(EcmField.TIME, v.get(EcmField.TIME));
        CheckInMethod method = null;
        if (v.containsKey(EcmField.METHOD)) {
            method = method(v.get(EcmField.METHOD));
        } else if (kind == EventKind.CHECK_IN || kind == EventKind.CHECK_OUT) {
            throw new Bad(EcmField.METHOD, "required for " + kind.code());
        }
        String workerRaw = v.containsKey(EcmField.WORKER) ? v.get(EcmField.WORKER) : v.get(EcmField.WORKER_NINO);
        if (workerRaw == null) {
            throw new Bad(EcmField.WORKER, "a worker id (or NI number) is required");
        }
        if (workerRaw.length() > 64) {
            throw new Bad(EcmField.WORKER, "longer than 64 characters");
        }
        ManualEntry manual = null;
        if (method == CheckInMethod.MANUAL) {
            String code = v.get(EcmField.EXCEPTION_CODE);
            if (code == null) {
                throw new Bad(EcmField.EXCEPTION_CODE, "required for a manual entry");
            }
            if (!v.containsKey(EcmField.ENTERED_BY)) {
                throw new Bad(EcmField.ENTERED_BY, "required for a manual entry");
            }
            if (!v.containsKey(EcmField.ENTERED_AT)) {
                throw new Bad(EcmField.ENTERED_AT, "required for a manual entry");
            }
            Instant enteredAt = time(EcmField.ENTERED_AT, v.get(EcmField.ENTERED_AT));
            if (enteredAt.isBefore(time)) {
                throw new Bad(EcmField.ENTERED_AT, "manual entry entered before the time it records");
            }
            manual = new ManualEntry(text(EcmField.EXCEPTION_CODE, code),
                    text(EcmField.REASON, v.get(EcmField.REASON)),
                    worker(v.get(EcmField.ENTERED_BY)), enteredAt);
        }
        return new VisitEvent(eventId, provider, id(v, EcmField.CLIENT), id(v, EcmField.ORDER), id(v, EcmField.VISIT),
                worker(workerRaw), kind, time, method, bool(v.get(EcmField.LOCATION_VERIFIED)), manual,
                text(EcmField.REASON, v.get(EcmField.REASON)), id(v, EcmField.SUPERSEDES));
    }

    private String id(Map<EcmField, String> v, EcmField f) {
        String s = v.get(f);
        if (s == null) {
            return null;
        }
        if (Pseudonymiser.isNino(s)) {
            throw new Bad(f, "looks like a National Insurance number; not accepted here");
        }
        if (!ID.matcher(s).matches()) {
            throw new Bad(f, "not an id: 1-64 letters, digits and . _ : / @ -");
        }
        return s;
    }

    private String text(EcmField f, String s) {
        if (s == null) {
            return null;
        }
        if (s.length() > MAX_TEXT) {
            throw new Bad(f, "longer than " + MAX_TEXT + " characters");
        }
        return Pseudonymiser.scrub(s);
    }

    private EventKind kind(String s) {
        String norm = s.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return Optional.ofNullable(config.kinds().get(s.trim().toUpperCase(Locale.ROOT)))
                .or(() -> EventKind.fromCode(norm))
                .orElseThrow(() -> new Bad(EcmField.KIND, "unknown event type '" + shorten(s)
                        + "' (check-in, check-out, no-reply, refusal, person-in-hospital, or a configured alias)"));
    }

    private CheckInMethod method(String s) {
        return Optional.ofNullable(config.methods().get(s.trim().toUpperCase(Locale.ROOT)))
                .or(() -> CheckInMethod.fromCode(s))
                .orElseThrow(() -> new Bad(EcmField.METHOD, "unknown method '" + shorten(s)
                        + "' (app, telephony, manual, or a configured alias)"));
    }

    private Instant time(EcmField f, String s) {
        try {
            DateTimeFormatter fmt = config.timeFormat();
            if (fmt != null) {
                return LocalDateTime.parse(s, fmt).atZone(config.zone()).toInstant();
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(s).atZone(config.zone()).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw new Bad(f, "not a time in the expected format ("
                    + (config.timeFormat() == null ? "ISO-8601, e.g. 2026-03-02T09:00:00Z" : "configured pattern")
                    + "): '" + shorten(s) + "'");
        }
    }

    private boolean bool(String s) {
        if (s == null) {
            return false;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new Bad(EcmField.LOCATION_VERIFIED, "expected true/false, yes/no or 1/0");
        };
    }

    /** The record as it may be stored: the worker as a pseudonym, everything else scrubbed of NI numbers. */
    private Map<String, String> sanitise(Map<EcmField, String> v) {
        Map<String, String> out = new LinkedHashMap<>();
        v.forEach((f, s) -> {
            switch (f) {
                case WORKER, WORKER_NINO -> out.putIfAbsent("workerPseudonym", safePseudonym(s));
                case ENTERED_BY -> out.put("enteredByPseudonym", safePseudonym(s));
                default -> out.put(f.defaultName(), Pseudonymiser.scrub(s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s));
            }
        });
        return out;
    }

    private String safePseudonym(String s) {
        return s.isBlank() ? "" : pseudonymiser.worker(s.length() > 64 ? s.substring(0, 64) : s);
    }

    /** Values echoed in errors are codes and times, never names; still, keep them short. */
    private static String shorten(String s) {
        String t = Pseudonymiser.scrub(s);
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }
}
