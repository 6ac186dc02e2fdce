package org.carebridge.benchmarks.gen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The formats {@code generate} can write, by name. */
public final class DataFormats {
    private DataFormats() {}

    private static final Map<String, Supplier<DataFormat>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("fhir-ndjson", FhirNdjsonFormat::new);
        ALL.put("fhir-bundles", FhirBundleFormat::new);
        ALL.put("ecm-csv", EcmCsvFormat::new);
        ALL.put("ecm-json", EcmJsonFormat::new);
        ALL.put("mosaic-xml", MosaicXmlFormat::new);
        ALL.put("hl7-adt", Hl7AdtFormat::new);
        ALL.put("bars", BarsFormat::new);
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static DataFormat create(String name) {
        Supplier<DataFormat> s = ALL.get(name);
        if (s == null) throw new IllegalArgumentException("--format: unknown format '" + name + "' (" + String.join(", ", ALL.keySet()) + ")");
        return s.get();
    }
}
