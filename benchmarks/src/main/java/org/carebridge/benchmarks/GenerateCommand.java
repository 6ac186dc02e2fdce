package org.carebridge.benchmarks;

import org.carebridge.benchmarks.gen.DataFormats;
import org.carebridge.benchmarks.gen.FhirFactory;
import org.carebridge.benchmarks.gen.Generator;
import org.carebridge.benchmarks.gen.Scale;
import org.carebridge.benchmarks.gen.SyntheticWorld;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write synthetic data (invented people, test-range NHS numbers) in the gateway's formats and as FHIR.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Output directory")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed and --week-start give the same bytes (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--scale", defaultValue = "kent", description = "kent (12,000 people), national (100x) or small (default ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--week-start", description = "The Monday the synthetic week starts (yyyy-mm-dd; default: the"
            + " first Monday after today, UTC, so that every generated visit is still to come)")
    java.time.LocalDate weekStart;

    @Option(names = "--people", description = "Override the number of people (providers in proportion)")
    Integer people;

    @Option(names = "--format", split = ",", description = "Formats (default all): ${COMPLETION-CANDIDATES}",
            completionCandidates = FormatNames.class)
    List<String> formats;

    @Option(names = "--id-prefix", defaultValue = "b", description = "Prefix of FHIR ids (default ${DEFAULT-VALUE})")
    String idPrefix;

    @Option(names = "--bundle-size", defaultValue = "100", description = "Entries per transaction Bundle / ECM push body (default ${DEFAULT-VALUE})")
    int bundleSize;

    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return DataFormats.names().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        Scale s = Scale.named(scale);
        if (people != null) s = s.withPeople(people);
        s = s.withWeekStart(weekStart != null ? weekStart : Scale.nextWeek(java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
        SyntheticWorld world = new SyntheticWorld(seed, s);
        long t0 = System.nanoTime();
        Map<String, Long> counts = Generator.generate(world, new FhirFactory(idPrefix), out,
                formats == null ? DataFormats.names() : formats, bundleSize);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("Generated scale %s (%,d people, %,d providers, %d days from %s, seed %d) into %s in %.1f s%n",
                s.name(), s.people(), s.providers(), s.days(), s.weekStart(), seed, out, secs);
        counts.forEach((k, v) -> System.out.printf("  %-14s %,12d records%n", k, v));
        return 0;
    }
}
