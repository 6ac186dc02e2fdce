package org.carebridge.profiles.rulepacks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A YAML node that knows where it is, so every validation message names the file and the key. */
final class PackNode {
    private final String file;
    private final String path;
    private final JsonNode node;

    PackNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    RulePackException problem(String what) {
        return new RulePackException(file, path, what);
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Rejects keys the engine does not know: a typo must not silently switch a rule off. */
    PackNode onlyKeys(String... allowed) {
        if (!node.isObject()) {
            throw problem("expected a mapping of keys");
        }
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!ok.contains(k)) {
                throw new RulePackException(file, childPath(k), "unknown key (allowed: " + String.join(", ", allowed) + ")");
            }
        }
        return this;
    }

    Optional<PackNode> optional(String key) {
        JsonNode c = node.get(key);
        return c == null || c.isNull() ? Optional.empty() : Optional.of(new PackNode(file, childPath(key), c));
    }

    PackNode required(String key) {
        return optional(key).orElseThrow(() -> new RulePackException(file, childPath(key), "required but missing"));
    }

    String text() {
        if (!node.isValueNode() || node.asText().isBlank()) {
            throw problem("expected a non-empty value");
        }
        return node.asText().trim();
    }

    Duration duration() {
        String t = text();
        try {
            Duration d = Duration.parse(t);
            if (d.isNegative()) {
                throw problem("duration must not be negative: " + t);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw problem("not an ISO-8601 duration (e.g. PT45M): " + t);
        }
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw problem("expected true or false");
        }
        return node.booleanValue();
    }

    int integer(int min, int max) {
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw problem("expected a whole number");
        }
        int v = node.intValue();
        if (v < min || v > max) {
            throw problem("must be between " + min + " and " + max + ", was " + v);
        }
        return v;
    }

    double number() {
        if (!node.isNumber()) {
            throw problem("expected a number");
        }
        return node.doubleValue();
    }

    /** kebab-case value of an enum: "at-least" for AT_LEAST. */
    <E extends Enum<E>> E enumValue(Class<E> type) {
        String t = text();
        try {
            return Enum.valueOf(type, t.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw problem("'" + t + "' is not one of " + names);
        }
    }

    List<PackNode> list() {
        if (!node.isArray()) {
            throw problem("expected a list");
        }
        List<PackNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new PackNode(file, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }
}
