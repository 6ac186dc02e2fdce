package org.carebridge.gateway.security;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * SMART on FHIR scopes, v2 ({@code system/Appointment.rs}, c r u d s) and v1 ({@code .read}, {@code .write},
 * {@code .*}); {@code system/}, {@code user/} and {@code patient/} contexts all count, {@code *} for any type.
 * Anything unparseable grants nothing.
 */
public final class Scopes {
    private final Map<String, Set<Character>> byType = new HashMap<>();
    private final String raw;

    private Scopes(String raw) {
        this.raw = raw == null ? "" : raw;
    }

    public static Scopes parse(String scope) {
        Scopes s = new Scopes(scope);
        if (scope == null) return s;
        for (String token : scope.trim().split("\\s+")) {
            int slash = token.indexOf('/');
            int dot = token.lastIndexOf('.');
            if (slash < 0 || dot < slash) continue;
            String context = token.substring(0, slash);
            if (!context.equals("system") && !context.equals("user") && !context.equals("patient")) continue;
            String type = token.substring(slash + 1, dot);
            String perms = token.substring(dot + 1);
            int q = perms.indexOf('?');
            if (q >= 0) continue; // v2 fine-grained scopes with a query are not supported: grant nothing
            Set<Character> letters = new HashSet<>();
            switch (perms) {
                case "read" -> { letters.add('r'); letters.add('s'); }
                case "write" -> { letters.add('c'); letters.add('u'); letters.add('d'); }
                case "*" -> { for (char c : "cruds".toCharArray()) letters.add(c); }
                default -> {
                    if (!perms.matches("c?r?u?d?s?") || perms.isEmpty()) continue;
                    for (char c : perms.toCharArray()) letters.add(c);
                }
            }
            s.byType.computeIfAbsent(type, k -> new HashSet<>()).addAll(letters);
        }
        return s;
    }

    /** @param interaction one of c r u d s */
    public boolean permits(String resourceType, char interaction) {
        return has(resourceType, interaction) || has("*", interaction);
    }

    private boolean has(String type, char interaction) {
        Set<Character> l = byType.get(type);
        return l != null && l.contains(interaction);
    }

    @Override
    public String toString() {
        return raw;
    }
}
