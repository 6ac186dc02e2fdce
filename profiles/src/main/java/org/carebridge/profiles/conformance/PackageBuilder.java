package org.carebridge.profiles.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Build step (process-classes): turns the authored sources into the package the gateway serves, with
 * snapshots generated offline against R4 core and UK Core, and copies the UK Core conformance resources
 * (Apache-2.0, read from ../shared at build time) into the classes so nothing reads ../shared at run time.
 *
 * <p>Usage: {@code PackageBuilder <classes dir> <uk-core dir>}.
 */
public final class PackageBuilder {
    public static final String PACKAGE_DIR = "org/carebridge/profiles/fhir/package";
    public static final String UK_CORE_DIR = "org/carebridge/profiles/fhir/uk-core";
    public static final String INDEX = "index.txt";
    /** Example instances: not part of the package, so editing one does not rebuild it. */
    public static final String EXAMPLES_DIR = "org/carebridge/profiles/fhir/examples";
    private static final List<String> UK_CORE_FOLDERS = List.of("structuredefinitions", "valuesets", "codesystems");

    private final FhirContext ctx;

    public PackageBuilder(FhirContext ctx) {
        this.ctx = ctx;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: PackageBuilder <classes dir> <uk-core dir>");
        }
        Path classes = Path.of(args[0]);
        Path ukCore = Path.of(args[1]);
        if (upToDate(classes, ukCore)) {
            System.out.println("CareBridge package up to date");
            return;
        }
        long start = System.nanoTime();
        PackageBuilder builder = new PackageBuilder(FhirContext.forR4Cached());
        Built built = builder.build(classes.resolve(ConformanceSources.SOURCE_DIR), ukCore);
        builder.write(built.ours(), classes.resolve(PACKAGE_DIR));
        builder.write(built.ukCore(), classes.resolve(UK_CORE_DIR));
        System.out.printf("CareBridge package: %d resources, %d UK Core resources, %d ms%n",
                built.ours().size(), built.ukCore().size(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The package is rebuilt only when a class it is built from, a source file or UK Core is newer than its index: every module
     * build runs this step, and generating snapshots costs tens of seconds on a busy machine.
     */
    static boolean upToDate(Path classes, Path ukCore) throws IOException {
        Path index = classes.resolve(PACKAGE_DIR).resolve(INDEX);
        Path ukIndex = classes.resolve(UK_CORE_DIR).resolve(INDEX);
        if (!Files.exists(index) || !Files.exists(ukIndex)) {
            return false;
        }
        long built = Math.min(Files.getLastModifiedTime(index).toMillis(), Files.getLastModifiedTime(ukIndex).toMillis());
        List<Path> inputs = new ArrayList<>(ukCoreFiles(ukCore));
        Path base = classes.resolve("org/carebridge/profiles");
        inputs.add(base.resolve("Canonical.class"));
        for (String dir : List.of("conformance", "terminology", "fhir/source")) {
            try (Stream<Path> walk = Files.walk(base.resolve(dir))) {
                walk.filter(Files::isRegularFile).forEach(inputs::add);
            }
        }
        for (Path input : inputs) {
            if (Files.getLastModifiedTime(input).toMillis() >= built) {
                return false;
            }
        }
        return true;
    }

    /** Our resources and the UK Core ones, every StructureDefinition with a snapshot. */
    public record Built(List<Resource> ours, List<Resource> ukCore) {}

    /** Every CareBridge conformance resource, StructureDefinitions with snapshots; UK Core with snapshots too. */
    public Built build(Path sourceDir, Path ukCoreDir) throws IOException {
        List<StructureDefinition> extensions = ConformanceSources.extensions();
        List<StructureDefinition> profiles = ConformanceSources.profiles(ctx, sourceDir);
        List<Resource> others = ConformanceSources.terminologyAndSearch();

        List<Resource> ukCore = readUkCore(ctx, ukCoreDir).stream().map(Resource.class::cast).toList();
        List<IBaseResource> all = new ArrayList<>(ukCore);
        all.addAll(extensions);
        all.addAll(profiles);
        all.addAll(others);
        ValidationSupportChain chain = ValidationSupports.chain(ctx, all);
        ValidationSupportContext supportContext = new ValidationSupportContext(chain);

        // UK Core ships differentials only: snapshot them here, once, rather than in every gateway at start-up.
        snapshotUkCore(chain, supportContext, ukCore);

        List<Resource> out = new ArrayList<>();
        // Extensions first: the profiles' slices refer to them.
        for (StructureDefinition sd : extensions) {
            out.add(snapshot(chain, supportContext, sd));
        }
        List<StructureDefinition> snapshotted = new ArrayList<>();
        for (StructureDefinition sd : profiles) {
            StructureDefinition withSnapshot = snapshot(chain, supportContext, sd);
            snapshotted.add(withSnapshot);
            out.add(withSnapshot);
        }
        out.addAll(others);
        List<SearchParameter> searches = others.stream().filter(SearchParameter.class::isInstance)
                .map(SearchParameter.class::cast).toList();
        out.add(CapabilityStatementFactory.build(snapshotted, searches));
        return new Built(out, ukCore);
    }

    /**
     * Adds snapshots to the UK Core StructureDefinitions in place (the support chain holds these very objects),
     * extensions first and each profile after its parent.
     */
    private void snapshotUkCore(ValidationSupportChain chain, ValidationSupportContext supportContext,
                                List<Resource> ukCore) {
        List<StructureDefinition> pending = new ArrayList<>(ukCore.stream()
                .filter(StructureDefinition.class::isInstance).map(StructureDefinition.class::cast)
                .filter(sd -> !sd.hasSnapshot()).toList());
        pending.sort(java.util.Comparator.comparing(sd -> "Extension".equals(sd.getType()) ? 0 : 1));
        java.util.Set<String> waiting = new java.util.HashSet<>();
        pending.forEach(sd -> waiting.add(sd.getUrl()));
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (StructureDefinition sd : List.copyOf(pending)) {
                if (waiting.contains(sd.getBaseDefinition())) {
                    continue;
                }
                sd.setSnapshot(generate(chain, supportContext, sd, false).getSnapshot());
                waiting.remove(sd.getUrl());
                pending.remove(sd);
                progress = true;
            }
            if (!progress) {
                throw new IllegalStateException("UK Core profiles with unresolvable parents: "
                        + pending.stream().map(StructureDefinition::getUrl).toList());
            }
        }
    }

    private StructureDefinition snapshot(ValidationSupportChain chain, ValidationSupportContext supportContext,
                                         StructureDefinition sd) {
        StructureDefinition generated = generate(chain, supportContext, sd, true);
        checkDifferentialApplied(generated);
        return generated;
    }

    private StructureDefinition generate(ValidationSupportChain chain, ValidationSupportContext supportContext,
                                         StructureDefinition sd, boolean ours) {
        StructureDefinition copy = sd.copy();
        if (ours) {
            StructureDefinition core = (StructureDefinition) chain.fetchStructureDefinition(
                    "http://hl7.org/fhir/StructureDefinition/" + sd.getType());
            DifferentialOrder.sort(copy, core);
        }
        copy.getSnapshot().getElement().clear();
        IBaseResource result = chain.generateSnapshot(supportContext, copy, sd.getUrl(), null, sd.getName());
        StructureDefinition generated = (StructureDefinition) (result != null ? result : copy);
        if (!generated.hasSnapshot() || generated.getSnapshot().getElement().isEmpty()) {
            throw new IllegalStateException("no snapshot generated for " + sd.getUrl());
        }
        // Messages the generator leaves behind are for the build log, not for the published resource.
        for (var element : generated.getSnapshot().getElement()) {
            element.getExtension().removeIf(e -> e.getUrl() != null && e.getUrl().contains("snapshot-message"));
        }
        return generated;
    }

    /**
     * The generator drops differential elements it cannot place (a wrong id, a path out of order) without an
     * error: fail the build instead, naming the element.
     */
    static void checkDifferentialApplied(StructureDefinition sd) {
        java.util.Map<String, org.hl7.fhir.r4.model.ElementDefinition> byId = new java.util.HashMap<>();
        sd.getSnapshot().getElement().forEach(e -> byId.put(e.getId(), e));
        for (var diff : sd.getDifferential().getElement()) {
            var snap = byId.get(diff.getId());
            if (snap == null) {
                throw new IllegalStateException(sd.getUrl() + ": differential element " + diff.getId() + " is not in the snapshot");
            }
            if ((diff.hasMin() && diff.getMin() != snap.getMin()) || (diff.hasMax() && !diff.getMax().equals(snap.getMax()))) {
                throw new IllegalStateException(sd.getUrl() + ": cardinality of " + diff.getId() + " was not applied");
            }
            if (diff.hasBinding() && !diff.getBinding().getValueSet().equals(snap.getBinding().getValueSet())) {
                throw new IllegalStateException(sd.getUrl() + ": binding of " + diff.getId() + " was not applied");
            }
        }
    }

    void write(List<Resource> resources, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> names = new ArrayList<>();
        for (Resource r : resources) {
            String name = r.fhirType() + "-" + r.getIdElement().getIdPart() + ".json";
            Files.writeString(dir.resolve(name), ctx.newJsonParser().setPrettyPrint(true).encodeResourceToString(r),
                    StandardCharsets.UTF_8);
            names.add(name);
        }
        Files.write(dir.resolve(INDEX), names, StandardCharsets.UTF_8);
    }

    static List<Path> ukCoreFiles(Path ukCoreDir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : UK_CORE_FOLDERS) {
            Path sub = ukCoreDir.resolve(folder);
            if (!Files.isDirectory(sub)) {
                throw new IllegalStateException("UK Core folder missing: " + sub + " (expected ../shared/fhir/uk-core)");
            }
            try (Stream<Path> list = Files.list(sub)) {
                files.addAll(list.filter(f -> f.toString().endsWith(".xml")).sorted().toList());
            }
        }
        return files;
    }

    /** UK Core conformance resources, parsed from the shared XML. */
    public static List<IBaseResource> readUkCore(FhirContext ctx, Path ukCoreDir) throws IOException {
        List<IBaseResource> out = new ArrayList<>();
        for (Path file : ukCoreFiles(ukCoreDir)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                out.add(ctx.newXmlParser().parseResource(reader));
            }
        }
        return out;
    }
}
