package org.carebridge.gateway.store;

import java.time.Instant;
import java.util.List;

/**
 * A parsed search over one resource type: an AND of criteria, each an OR of values, plus order and page.
 * Built by the FHIR layer from the request; turned into SQL by {@link SearchSql}.
 */
public record SearchSpec(String resourceType, List<Criterion> criteria, List<SortKey> sort,
                         int offset, int count, boolean countOnly, List<String> includeParams,
                         List<Restriction> restrictions) {

    public SearchSpec {
        criteria = List.copyOf(criteria);
        sort = List.copyOf(sort);
        includeParams = List.copyOf(includeParams);
        restrictions = List.copyOf(restrictions);
    }

    public SearchSpec withRestriction(Restriction r) {
        var all = new java.util.ArrayList<>(restrictions);
        all.add(r);
        return new SearchSpec(resourceType, criteria, sort, offset, count, countOnly, includeParams, all);
    }

    public sealed interface Criterion permits IdIn, LastUpdated, TokenAny, RefAny, DateMatch, Missing {}

    public record IdIn(List<String> ids) implements Criterion {}

    public record LastUpdated(DateBound bound) implements Criterion {}

    /** system null = any system; systemGiven with system null = "|code" (no system). */
    public record TokenValue(String system, boolean systemGiven, String value) {}

    public record TokenAny(String param, List<TokenValue> values, boolean negated) implements Criterion {}

    /** targetType null = any type allowed by the parameter. */
    public record RefValue(String targetType, String targetId) {}

    public record RefAny(String param, List<RefValue> values) implements Criterion {}

    public record DateMatch(String param, List<DateBound> anyOf) implements Criterion {}

    public record Missing(String param, String table, boolean missing) implements Criterion {}

    /** A FHIR date comparison: prefix (eq, ne, gt, lt, ge, le, sa, eb, ap) against the range [low, high]. */
    public record DateBound(String prefix, Instant low, Instant high) {}

    public record SortKey(String param, boolean descending) {}

    /**
     * An extra SQL condition on the candidate rows (alias {@code r}), added by the data-protection layer so that
     * counts, pages and includes only ever see what the caller may see.
     */
    public record Restriction(String sql, List<Object> args) {}
}
