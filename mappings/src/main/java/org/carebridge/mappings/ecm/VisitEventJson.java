package org.carebridge.mappings.ecm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.ManualEntry;
import org.carebridge.rules.visits.VisitEvent;

/**
 * The stored form of a {@link VisitEvent} (already pseudonymised), for the gateway's append-only event table and
 * for replaying rejected events. Written by hand rather than by reflection so the stored shape is a decision,
 * not an accident of field names.
 */
public final class VisitEventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VisitEventJson() {}

    public static String write(VisitEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("eventId", e.eventId());
        n.put("providerId", e.providerId());
        n.put("clientId", e.clientId());
        putIf(n, "orderId", e.orderId());
        putIf(n, "visitId", e.visitId());
        n.put("worker", e.worker());
        n.put("type", e.kind().code());
        n.put("time", e.time().toString());
        putIf(n, "method", e.method() == null ? null : e.method().code());
        n.put("locationVerified", e.locationVerified());
        if (e.manual() != null) {
            ObjectNode m = n.putObject("manual");
            m.put("exceptionCode", e.manual().exceptionCode());
            putIf(m, "reason", e.manual().reason());
            m.put("enteredBy", e.manual().enteredBy());
            m.put("enteredAt", e.manual().enteredAt().toString());
        }
        putIf(n, "reason", e.reason());
        putIf(n, "supersedes", e.supersedes());
        return n.toString();
    }

    public static VisitEvent read(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored event is not JSON");
        }
        JsonNode m = n.get("manual");
        ManualEntry manual = m == null ? null : new ManualEntry(m.get("exceptionCode").asText(), text(m, "reason"),
                m.get("enteredBy").asText(), Instant.parse(m.get("enteredAt").asText()));
        return new VisitEvent(n.get("eventId").asText(), n.get("providerId").asText(), n.get("clientId").asText(),
                text(n, "orderId"), text(n, "visitId"), n.get("worker").asText(),
                EventKind.fromCode(n.get("type").asText()).orElseThrow(), Instant.parse(n.get("time").asText()),
                text(n, "method") == null ? null : CheckInMethod.fromCode(text(n, "method")).orElseThrow(),
                n.path("locationVerified").asBoolean(false), manual, text(n, "reason"), text(n, "supersedes"));
    }

    private static void putIf(ObjectNode n, String k, String v) {
        if (v != null) {
            n.put(k, v);
        }
    }

    private static String text(JsonNode n, String k) {
        JsonNode v = n.get(k);
        return v == null || v.isNull() ? null : v.asText();
    }
}
