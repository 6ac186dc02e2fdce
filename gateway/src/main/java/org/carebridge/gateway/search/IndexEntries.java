package org.carebridge.gateway.search;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The index rows of one resource version: what its search parameters take as values. */
public record IndexEntries(List<Token> tokens, List<Ref> refs, List<DateRange> dates) {

    public record Token(String param, String system, String value) {}

    public record Ref(String param, String targetType, String targetId) {}

    /** low/high inclusive; null means open-ended (minus or plus infinity). */
    public record DateRange(String param, Instant low, Instant high) {}

    public static IndexEntries extract(SearchParameterRegistry registry, Resource resource) {
        List<Token> tokens = new ArrayList<>();
        List<Ref> refs = new ArrayList<>();
        List<DateRange> dates = new ArrayList<>();
        for (SearchParamDef def : registry.forType(resource.fhirType())) {
            for (Object v : SearchParameterRegistry.valuesOf(def, resource)) {
                switch (def.type()) {
                    case TOKEN -> tokens(def.name(), v, tokens);
                    case REFERENCE -> ref(def.name(), v, refs);
                    case DATE -> date(def.name(), v, dates);
                }
            }
        }
        return new IndexEntries(List.copyOf(tokens), List.copyOf(refs), List.copyOf(dates));
    }

    private static void tokens(String param, Object v, List<Token> out) {
        if (v instanceof Identifier id && id.hasValue()) {
            out.add(new Token(param, id.getSystem(), id.getValue()));
        } else if (v instanceof CodeableConcept cc) {
            cc.getCoding().forEach(c -> tokens(param, c, out));
        } else if (v instanceof Coding c && c.hasCode()) {
            out.add(new Token(param, c.getSystem(), c.getCode()));
        } else if (v instanceof Enumeration<?> e && e.getValueAsString() != null) {
            out.add(new Token(param, e.getSystem(), e.getValueAsString()));
        } else if (v instanceof PrimitiveType<?> p && p.getValueAsString() != null) {
            out.add(new Token(param, null, p.getValueAsString()));
        }
    }

    private static void ref(String param, Object v, List<Ref> out) {
        if (v instanceof Reference r && r.hasReference()) {
            IdType id = new IdType(r.getReference());
            if (id.hasResourceType() && id.hasIdPart()) {
                out.add(new Ref(param, id.getResourceType(), id.getIdPart()));
            }
        }
    }

    private static void date(String param, Object v, List<DateRange> out) {
        if (v instanceof BaseDateTimeType d && d.getValue() != null) {
            out.add(new DateRange(param, d.getValue().toInstant(), endOf(d.getValue(), d.getPrecision())));
        } else if (v instanceof Period p && (p.hasStart() || p.hasEnd())) {
            Instant low = p.hasStart() ? p.getStart().toInstant() : null;
            Instant high = p.hasEnd() ? endOf(p.getEnd(), p.getEndElement().getPrecision()) : null;
            out.add(new DateRange(param, low, high));
        }
    }

    /** The last instant covered by a date of the given precision (2026-01-05 covers the whole day). */
    public static Instant endOf(Date value, TemporalPrecisionEnum precision) {
        if (precision == null || precision.ordinal() >= TemporalPrecisionEnum.MILLI.ordinal()) {
            return value.toInstant();
        }
        return precision.add(value, 1).toInstant().minusMillis(1);
    }
}
