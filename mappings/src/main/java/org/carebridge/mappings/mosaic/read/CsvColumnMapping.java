package org.carebridge.mappings.mosaic.read;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How one council's report columns map onto the canonical CSV columns ({@link CsvColumns}). The gateway loads it
 * from the council's YAML, e.g.
 * <pre>
 * columns:            # council's column name -> canonical name
 *   "Client ID": person_id
 *   "NHS No": nhs_number
 * values:             # optional: canonical column -> council's value -> canonical value
 *   order_status: { "Live": active, "Closed": ended }
 * </pre>
 * Header names match case-insensitively with surrounding spaces ignored. A column that is neither mapped nor
 * canonical is ignored; a column mapped to an unknown canonical name is a configuration error.
 */
public record CsvColumnMapping(Map<String, String> columns, Map<String, Map<String, String>> values) {
    public static final CsvColumnMapping CANONICAL = new CsvColumnMapping(Map.of(), Map.of());

    public CsvColumnMapping {
        Map<String, String> cols = new HashMap<>();
        for (Map.Entry<String, String> e : columns.entrySet()) {
            if (!CsvColumns.ALL.contains(e.getValue())) {
                throw new IllegalArgumentException("column '" + e.getKey() + "' is mapped to '" + e.getValue()
                        + "', which is not a canonical Mosaic CSV column");
            }
            cols.put(key(e.getKey()), e.getValue());
        }
        for (String target : values.keySet()) {
            if (!CsvColumns.ALL.contains(target)) {
                throw new IllegalArgumentException("value mapping for unknown column '" + target + "'");
            }
        }
        columns = Map.copyOf(cols);
        values = Map.copyOf(values);
    }

    public static CsvColumnMapping ofColumns(Map<String, String> columns) {
        return new CsvColumnMapping(columns, Map.of());
    }

    /** The canonical name for a header cell, or null if the column is not used. */
    public String canonical(String header) {
        String k = key(header);
        String mapped = columns.get(k);
        if (mapped != null) {
            return mapped;
        }
        return CsvColumns.ALL.contains(k) ? k : null;
    }

    /** The canonical value of a cell, after the council's value mapping for that column. */
    public String value(String canonicalColumn, String raw) {
        Map<String, String> m = values.get(canonicalColumn);
        if (m == null || raw == null) {
            return raw;
        }
        return m.getOrDefault(raw.trim(), raw);
    }

    private static String key(String header) {
        String h = header.trim();
        if (!h.isEmpty() && h.charAt(0) == '\uFEFF') {
            h = h.substring(1).trim();
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
