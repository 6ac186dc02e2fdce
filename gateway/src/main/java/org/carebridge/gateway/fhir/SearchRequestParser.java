package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.carebridge.gateway.search.IndexEntries;
import org.carebridge.gateway.search.SearchParamDef;
import org.carebridge.gateway.search.SearchParamType;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.carebridge.gateway.store.SearchSpec;
import org.carebridge.gateway.store.SearchSpec.*;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads FHIR search parameters (as the HTTP query gives them) into a {@link SearchSpec}, refusing anything the
 * gateway does not support with a 400 that names the parameter and the reason.
 */
public final class SearchRequestParser {
    /** Result parameters handled here or by HAPI's response encoding, never search criteria. */
    private static final Set<String> RESULT_PARAMS = Set.of("_count", "_offset", "_sort", "_include", "_summary",
            "_elements", "_format", "_pretty", "_total");
    /** An unescaped comma: the separator of a parameter's OR values. */
    private static final java.util.regex.Pattern OR = java.util.regex.Pattern.compile("(?<!\\\\),");
    private static final Set<String> DATE_PREFIXES = Set.of("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap");

    private final SearchParameterRegistry registry;
    private final int defaultPageSize;
    private final int maxPageSize;

    public SearchRequestParser(SearchParameterRegistry registry, int defaultPageSize, int maxPageSize) {
        this.registry = registry;
        this.defaultPageSize = defaultPageSize;
        this.maxPageSize = maxPageSize;
    }

    public SearchSpec parse(String type, Map<String, String[]> params) {
        List<Criterion> criteria = new ArrayList<>();
        for (var e : params.entrySet()) {
            String name = e.getKey();
            if (RESULT_PARAMS.contains(name)) continue;
            for (String value : e.getValue()) {
                criteria.add(criterion(type, name, value));
            }
        }
        int count = intParam(params, "_count", defaultPageSize);
        if (count < 0) throw bad("_count", "must be zero or more");
        int offset = intParam(params, "_offset", 0);
        if (offset < 0) throw bad("_offset", "must be zero or more");
        String summary = first(params, "_summary");
        boolean countOnly = "count".equals(summary) || count == 0;
        return new SearchSpec(type, criteria, sort(type, params), offset, Math.min(count, maxPageSize), countOnly,
                includes(type, params), List.of());
    }

    /** Parses the query part of a conditional URL ("identifier=a|b&status=active"). */
    public SearchSpec parseQuery(String type, String query) {
        Map<String, String[]> params = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.merge(k, new String[]{v}, (a, b) -> {
                String[] c = Arrays.copyOf(a, a.length + 1);
                c[a.length] = b[0];
                return c;
            });
        }
        for (String k : params.keySet()) {
            if (k.startsWith("_") && !k.equals("_id") && !k.equals("_lastUpdated")) {
                throw bad(k, "is not allowed in a conditional operation's criteria");
            }
        }
        if (params.isEmpty()) throw new InvalidRequestException("A conditional operation needs search criteria");
        return parse(type, params);
    }

    private Criterion criterion(String type, String rawName, String value) {
        int colon = rawName.indexOf(':');
        String name = colon < 0 ? rawName : rawName.substring(0, colon);
        String modifier = colon < 0 ? null : rawName.substring(colon + 1);
        if (name.contains(".")) {
            throw bad(rawName, "chained parameters are not supported");
        }
        if (value.isEmpty()) throw bad(rawName, "has no value");
        if (name.equals("_id")) {
            noModifier(rawName, modifier);
            return new IdIn(Arrays.asList(value.split(",")));
        }
        if (name.equals("_lastUpdated")) {
            noModifier(rawName, modifier);
            return new LastUpdated(dateBound(rawName, value));
        }
        if (name.equals("_revinclude")) {
            throw bad(name, "is not supported");
        }
        SearchParamDef def = registry.find(type, name).orElseThrow(() -> bad(rawName,
                "is not a search parameter of " + type + " here; supported: " + supported(type)));
        if ("missing".equals(modifier)) {
            String table = switch (def.type()) {
                case TOKEN -> "fhir_idx_token";
                case REFERENCE -> "fhir_idx_ref";
                case DATE -> "fhir_idx_date";
            };
            return new Missing(name, table, Boolean.parseBoolean(value));
        }
        return switch (def.type()) {
            case TOKEN -> {
                if (modifier != null && !modifier.equals("not")) throw bad(rawName, "modifier :" + modifier + " is not supported");
                yield new TokenAny(name, Arrays.stream(splitOr(value)).map(this::token).toList(), "not".equals(modifier));
            }
            case REFERENCE -> {
                if (modifier != null && !def.targets().contains(modifier)) {
                    throw bad(rawName, "modifier :" + modifier + " is not a target type of " + name);
                }
                yield new RefAny(name, Arrays.stream(splitOr(value)).map(v -> reference(rawName, def, modifier, v)).toList());
            }
            case DATE -> {
                noModifier(rawName, modifier);
                yield new DateMatch(name, Arrays.stream(splitOr(value)).map(v -> dateBound(rawName, v)).toList());
            }
        };
    }

    private TokenValue token(String v) {
        int bar = v.indexOf('|');
        if (bar < 0) return new TokenValue(null, false, v);
        String system = v.substring(0, bar);
        return new TokenValue(system.isEmpty() ? null : system, true, v.substring(bar + 1));
    }

    private RefValue reference(String rawName, SearchParamDef def, String typeModifier, String v) {
        IdType id = new IdType(v);
        String rtype = id.hasResourceType() ? id.getResourceType() : typeModifier;
        if (!id.hasIdPart() || id.getIdPart().isBlank()) throw bad(rawName, "reference '" + v + "' has no id");
        if (rtype != null && !def.targets().contains(rtype)) {
            throw bad(rawName, "cannot refer to " + rtype + " (allowed: " + String.join(", ", def.targets()) + ")");
        }
        if (rtype == null && def.targets().size() == 1) rtype = def.targets().get(0);
        return new RefValue(rtype, id.getIdPart());
    }

    /**
     * Date values already parsed (a bound depends on nothing but its text; HAPI's date parsing was a sizeable share
     * of a search's CPU, and clients repeat the same few days). Bounded: a flood of distinct values only re-parses.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, DateBound> PARSED_DATES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_PARSED_DATES = 4096;

    static DateBound dateBound(String param, String v) {
        DateBound known = PARSED_DATES.get(v);
        if (known != null) return known;
        DateBound parsed = parseDateBound(param, v); // a value that is no date throws, and is never remembered
        if (PARSED_DATES.size() >= MAX_PARSED_DATES) PARSED_DATES.clear();
        PARSED_DATES.put(v, parsed);
        return parsed;
    }

    private static DateBound parseDateBound(String param, String v) {
        String prefix = "eq";
        String date = v;
        if (v.length() > 2 && Character.isLetter(v.charAt(0)) && Character.isLetter(v.charAt(1))) {
            prefix = v.substring(0, 2);
            date = v.substring(2);
            if (!DATE_PREFIXES.contains(prefix)) {
                throw bad(param, "unknown date prefix '" + prefix + "'");
            }
        }
        try {
            DateTimeType dt = new DateTimeType(date);
            return new DateBound(prefix, dt.getValue().toInstant(), IndexEntries.endOf(dt.getValue(), dt.getPrecision()));
        } catch (RuntimeException e) {
            throw bad(param, "'" + v + "' is not a FHIR date or dateTime");
        }
    }

    private List<SortKey> sort(String type, Map<String, String[]> params) {
        List<SortKey> keys = new ArrayList<>();
        String[] values = params.get("_sort");
        if (values == null) return keys;
        for (String value : values) {
            for (String part : value.split(",")) {
                boolean desc = part.startsWith("-");
                String name = desc ? part.substring(1) : part;
                boolean ok = name.equals("_lastUpdated") || name.equals("_id") || registry.find(type, name)
                        .map(d -> d.type() == SearchParamType.DATE).orElse(false);
                if (!ok) throw bad("_sort", "cannot sort " + type + " by '" + name + "' (allowed: _id, _lastUpdated"
                        + registry.forType(type).stream().filter(d -> d.type() == SearchParamType.DATE)
                        .map(d -> ", " + d.name()).reduce("", String::concat) + ")");
                keys.add(new SortKey(name, desc));
            }
        }
        return keys;
    }

    private List<String> includes(String type, Map<String, String[]> params) {
        String[] values = params.get("_include");
        if (values == null) return List.of();
        List<String> allowed = registry.includes(type);
        List<String> out = new ArrayList<>();
        for (String v : values) {
            String[] parts = v.split(":");
            String base = parts.length >= 2 ? parts[0] + ":" + parts[1] : v;
            if (!allowed.contains(base)) {
                throw bad("_include", "'" + v + "' is not supported (allowed: " + String.join(", ", allowed) + ")");
            }
            out.add(parts[1]);
        }
        return out;
    }

    private String supported(String type) {
        List<String> names = new ArrayList<>(List.of("_id", "_lastUpdated"));
        registry.forType(type).forEach(d -> names.add(d.name()));
        return String.join(", ", names);
    }

    private static String[] splitOr(String v) {
        if (v.indexOf(',') < 0) return new String[]{v}; // one value (most searches): no regex at all
        // A comma escaped as \, is part of the value.
        return Arrays.stream(OR.split(v)).map(s -> s.replace("\\,", ",")).toArray(String[]::new);
    }

    private static void noModifier(String rawName, String modifier) {
        if (modifier != null) throw bad(rawName, "modifier :" + modifier + " is not supported");
    }

    private static int intParam(Map<String, String[]> params, String name, int dflt) {
        String v = first(params, name);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(name, "'" + v + "' is not a whole number");
        }
    }

    private static String first(Map<String, String[]> params, String name) {
        String[] v = params.get(name);
        return v == null || v.length == 0 ? null : v[0];
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static InvalidRequestException bad(String param, String reason) {
        return new InvalidRequestException("Search parameter '" + param + "': " + reason);
    }
}
