package org.carebridge.routes.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of channel integration staff can configure. Each kind is one Camel route template
 * ({@link ChannelTemplates}); its parameters are listed here so a configuration file can be checked before any
 * route is touched. Parameter names are the ones written in the YAML files (kebab-case).
 */
public enum ChannelKind {
    MOSAIC_FILE_INBOX("mosaic-file-inbox", Set.of("dir"),
            Map.of("include", ".*\\.(xml|csv|XML|CSV)", "poll-ms", "1000", "read-lock", "changed")),
    ECM_CSV_INBOX("ecm-csv-inbox", Set.of("dir"),
            Map.of("include", ".*\\.csv", "poll-ms", "1000", "read-lock", "changed", "feed-config", "")),
    ECM_HTTP_PUSH("ecm-http-push", Set.of("api-key-sha256"),
            Map.of("max-bytes", "10485760", "feed-config", "")),
    HL7_MLLP("hl7-mllp", Set.of("port"),
            Map.of("host", "0.0.0.0", "max-concurrent-consumers", "10")),
    OUTBOUND_NOTIFICATION("outbound-notification", Set.of(),
            Map.of("poll-ms", "1000", "max-attempts", "8", "backoff-ms", "1000", "max-backoff-ms", "300000",
                    "timeout-ms", "10000", "batch", "100"));

    /** Prefix of inline ECM feed settings; the rest is an EcmFeedConfig properties key. */
    public static final String FEED_PREFIX = "feed.";

    private final String id;
    private final Set<String> required;
    private final Map<String, String> defaults;

    ChannelKind(String id, Set<String> required, Map<String, String> defaults) {
        this.id = id;
        this.required = required;
        this.defaults = defaults;
    }

    /** The name used in configuration files, route templates and handler beans. */
    public String id() {
        return id;
    }

    public Set<String> required() {
        return required;
    }

    public Map<String, String> defaults() {
        return defaults;
    }

    public boolean accepts(String parameter) {
        return required.contains(parameter) || defaults.containsKey(parameter)
                // ECM feeds: the provider's column names and codes inline (feed.column.eventId: CallRef ...).
                || (this == ECM_CSV_INBOX || this == ECM_HTTP_PUSH) && parameter.startsWith(FEED_PREFIX);
    }

    /** The parameters a route is instantiated with: defaults overlaid by what the file says. */
    public Map<String, String> withDefaults(Map<String, String> given) {
        Map<String, String> all = new LinkedHashMap<>(defaults);
        all.putAll(given);
        return all;
    }

    /** A file inbox reads a directory: the directory must exist (or be creatable) and be writable (files move). */
    public boolean readsDirectory() {
        return this == MOSAIC_FILE_INBOX || this == ECM_CSV_INBOX;
    }

    public static Optional<ChannelKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
