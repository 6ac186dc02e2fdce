package org.carebridge.mappings.ecm;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;

/**
 * How one provider's ECM feed spells things: column names, time format, and its own words for event kinds and
 * methods. Integration staff write it as properties (see {@link #fromProperties}); docs/ecm-feeds.md.
 *
 * @param providerId the provider the feed belongs to: a record naming another provider is rejected
 * @param names      logical field -> the provider's column / property name
 * @param timeFormat null for ISO-8601 with offset (2026-03-02T09:00:00Z); else a pattern for local times
 * @param zone       zone of local times (and of ISO times without offset)
 * @param kinds      provider's word (upper-cased) -> event kind, added to the standard codes
 * @param methods    provider's word (upper-cased) -> method, added to app / telephony / manual
 * @param delimiter  CSV delimiter
 */
public record EcmFeedConfig(String providerId, Map<EcmField, String> names, DateTimeFormatter timeFormat, ZoneId zone,
                            Map<String, EventKind> kinds, Map<String, CheckInMethod> methods, char delimiter) {

    public EcmFeedConfig {
        Objects.requireNonNull(providerId, "providerId");
        EnumMap<EcmField, String> all = new EnumMap<>(EcmField.class);
        for (EcmField f : EcmField.values()) {
            all.put(f, names.getOrDefault(f, f.defaultName()));
        }
        names = Map.copyOf(all);
        kinds = Map.copyOf(kinds);
        methods = Map.copyOf(methods);
        Objects.requireNonNull(zone, "zone");
    }

    public static EcmFeedConfig defaults(String providerId) {
        return new EcmFeedConfig(providerId, Map.of(), null, ZoneId.of("Europe/London"), Map.of(), Map.of(), ',');
    }

    public String name(EcmField f) {
        return names.get(f);
    }

    /**
     * Reads a provider's feed settings, e.g.
     * <pre>
     * column.workerId=CarerRef
     * column.time=Event Time
     * time.format=dd/MM/yyyy HH:mm
     * time.zone=Europe/London
     * kind.IN=check-in
     * method.IVR=telephony
     * csv.delimiter=;
     * </pre>
     * Unknown keys are an error: a typo must not silently leave a column unmapped.
     */
    public static EcmFeedConfig fromProperties(String providerId, Map<String, String> props) {
        Map<EcmField, String> names = new EnumMap<>(EcmField.class);
        Map<String, EventKind> kinds = new HashMap<>();
        Map<String, CheckInMethod> methods = new HashMap<>();
        DateTimeFormatter format = null;
        ZoneId zone = ZoneId.of("Europe/London");
        char delimiter = ',';
        for (Map.Entry<String, String> e : props.entrySet()) {
            String k = e.getKey().trim();
            String v = e.getValue().trim();
            if (k.startsWith("column.")) {
                names.put(field(k.substring(7), k), v);
            } else if (k.startsWith("kind.")) {
                kinds.put(k.substring(5).toUpperCase(Locale.ROOT), EventKind.fromCode(v)
                        .orElseThrow(() -> new IllegalArgumentException(k + ": unknown event kind " + v)));
            } else if (k.startsWith("method.")) {
                methods.put(k.substring(7).toUpperCase(Locale.ROOT), CheckInMethod.fromCode(v)
                        .orElseThrow(() -> new IllegalArgumentException(k + ": unknown method " + v)));
            } else if (k.equals("time.format")) {
                try {
                    format = DateTimeFormatter.ofPattern(v, Locale.UK);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(k + ": not a date-time pattern: " + ex.getMessage());
                }
            } else if (k.equals("time.zone")) {
                zone = ZoneId.of(v);
            } else if (k.equals("csv.delimiter")) {
                if (v.length() != 1) {
                    throw new IllegalArgumentException(k + ": one character expected");
                }
                delimiter = v.charAt(0);
            } else {
                throw new IllegalArgumentException("unknown feed setting " + k);
            }
        }
        return new EcmFeedConfig(providerId, names, format, zone, kinds, methods, delimiter);
    }

    private static EcmField field(String logical, String key) {
        for (EcmField f : EcmField.values()) {
            if (f.defaultName().equals(logical)) {
                return f;
            }
        }
        throw new IllegalArgumentException(key + ": no such field " + logical);
    }
}
