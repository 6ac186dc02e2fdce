package org.carebridge.benchmarks.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The scenarios {@code run} knows, by name. A feed's scenario is added here when its endpoint exists. */
public final class Scenarios {
    private Scenarios() {}

    private static final Map<String, Supplier<Scenario>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("fhir-ingest", FhirIngest::new);
        ALL.put("fhir-search", FhirSearch::new);
        ALL.put("fhir-read", FhirRead::new);
        ALL.put("floor-copy", FloorCopy::new);
        ALL.put("floor-parse", FloorParse::new);
        ALL.put("floor-feeds", FloorFeeds::new);
        ALL.put("startup", Startup::new);
        // Feed scenarios: they need the feed's endpoint (--endpoint / --mllp) from the feed's own module.
        ALL.put("ecm-csv", EcmFeed::csvBatches);
        ALL.put("ecm-push", EcmFeed::push);
        ALL.put("mosaic-extract", FeedUpload::mosaic);
        ALL.put("discharge-message", Discharge::message);
        ALL.put("discharge-mllp", Discharge::overMllp);
    }

    /** The default sequence: ingest first, so read and search find the data. */
    public static final List<String> DEFAULT = List.of("fhir-ingest", "fhir-search", "fhir-read", "floor-copy", "floor-parse");

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static Scenario create(String name) {
        Supplier<Scenario> s = ALL.get(name);
        if (s == null) throw new IllegalArgumentException("--scenario: unknown scenario '" + name + "' (" + String.join(", ", ALL.keySet()) + ")");
        return s.get();
    }
}
