package org.carebridge.rules.referrals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A council's referral clocks, as data (rulepacks/referral-clocks-&lt;tenant&gt;.yaml in the profiles module):
 * the acknowledgement window, the response bands by how soon the package starts, the urgency grades, how FHIR
 * priorities map to grades and the minimum grade of a hospital discharge.
 *
 * @param grades grade name to response window, e.g. urgent=PT3H
 */
public record ReferralClockRules(
        String tenant,
        String source,
        Duration acknowledgeWithin,
        List<StartBand> responseByStart,
        Map<String, Duration> grades,
        Map<String, String> priorityGrades,
        String dischargeGrade) {

    /** startsWithin null = no upper limit (the last band). */
    public record StartBand(Duration startsWithin, Duration respondWithin) {}

    public ReferralClockRules {
        Objects.requireNonNull(acknowledgeWithin, "acknowledgeWithin");
        responseByStart = List.copyOf(responseByStart);
        grades = Map.copyOf(grades);
        priorityGrades = Map.copyOf(priorityGrades);
        if (responseByStart.isEmpty() || responseByStart.get(responseByStart.size() - 1).startsWithin() != null) {
            throw new IllegalArgumentException(tenant + ": the last responseByStart band must have no startsWithin");
        }
        for (String grade : priorityGrades.values()) {
            if (!grades.containsKey(grade)) {
                throw new IllegalArgumentException(tenant + ": priorityGrades names unknown grade '" + grade + "'");
            }
        }
        if (dischargeGrade != null && !grades.containsKey(dischargeGrade)) {
            throw new IllegalArgumentException(tenant + ": dischargeGrade names unknown grade '" + dischargeGrade + "'");
        }
    }

    /** The classpath resource a tenant's clocks live in. */
    public static String resourceName(String tenant) {
        return "rulepacks/referral-clocks-" + tenant + ".yaml";
    }

    /** Loads a tenant's clocks from the classpath (the profiles jar). */
    public static ReferralClockRules forTenant(String tenant) {
        String name = resourceName(tenant);
        try (InputStream in = ReferralClockRules.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no referral clock rules for tenant " + tenant + " (" + name + ")");
            }
            return parse(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** Parses a rule file; errors name the file and the field. */
    public static ReferralClockRules parse(InputStream yaml, String fileName) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(fileName + ": not a YAML mapping");
        }
        List<StartBand> bands = new ArrayList<>();
        JsonNode bandNodes = required(root, "responseByStart", fileName);
        for (int i = 0; i < bandNodes.size(); i++) {
            JsonNode b = bandNodes.get(i);
            String at = "responseByStart[" + i + "]";
            bands.add(new StartBand(b.has("startsWithin") ? duration(b.get("startsWithin"), fileName, at + ".startsWithin") : null,
                    duration(required(b, "respondWithin", fileName + " " + at), fileName, at + ".respondWithin")));
        }
        Map<String, Duration> grades = new LinkedHashMap<>();
        required(root, "grades", fileName).fields()
                .forEachRemaining(e -> grades.put(e.getKey(), duration(e.getValue(), fileName, "grades." + e.getKey())));
        Map<String, String> priorities = new LinkedHashMap<>();
        if (root.has("priorityGrades")) {
            root.get("priorityGrades").fields().forEachRemaining(e -> priorities.put(e.getKey(), e.getValue().asText()));
        }
        try {
            return new ReferralClockRules(root.path("tenant").asText(null), root.path("source").asText(null),
                    duration(required(root, "acknowledgeWithin", fileName), fileName, "acknowledgeWithin"), bands, grades,
                    priorities, root.has("dischargeGrade") ? root.get("dischargeGrade").asText() : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(fileName + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' is required");
        }
        return v;
    }

    private static Duration duration(JsonNode node, String file, String field) {
        try {
            return Duration.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": " + field + " '" + node.asText()
                    + "' is not an ISO-8601 duration such as PT2H or P3D");
        }
    }
}
