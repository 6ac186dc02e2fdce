package org.carebridge.benchmarks.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Walks the synthetic world once, in index order, and hands every record to every chosen format. */
public final class Generator {
    private Generator() {}

    /** @return records written per format */
    public static Map<String, Long> generate(SyntheticWorld world, FhirFactory fhir, Path dir, List<String> formats,
                                            int bundleSize) throws IOException {
        return generate(world, fhir, dir, formats, bundleSize, world.scale().people());
    }

    /** As {@link #generate(SyntheticWorld, FhirFactory, Path, List, int)}, for the first {@code people} people only. */
    public static Map<String, Long> generate(SyntheticWorld world, FhirFactory fhir, Path dir, List<String> formats,
                                            int bundleSize, int people) throws IOException {
        Files.createDirectories(dir);
        List<DataFormat> outs = new ArrayList<>();
        try {
            for (String name : formats) {
                DataFormat f = DataFormats.create(name);
                outs.add(f);
                f.open(new DataFormat.Target(dir, world, fhir, bundleSize));
            }
            for (int i = 0; i < world.scale().providers(); i++) {
                Model.Provider p = world.provider(i);
                for (DataFormat f : outs) f.provider(p);
            }
            for (int i = 0; i < Math.min(people, world.scale().people()); i++) {
                PersonData d = new PersonData(world, i);
                for (DataFormat f : outs) f.person(d);
            }
            for (int i = 0; i < world.dischargeCount(); i++) {
                Model.Discharge d = world.discharge(i);
                Model.Person p = world.person(d.personIndex());
                for (DataFormat f : outs) f.discharge(d, p);
            }
        } finally {
            IOException first = null;
            for (DataFormat f : outs) {
                try {
                    f.close();
                } catch (IOException e) {
                    if (first == null) first = e;
                }
            }
            if (first != null) throw first;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (DataFormat f : outs) counts.put(f.name(), f.written());
        return counts;
    }
}
