package org.carebridge.profiles.rulepacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.carebridge.profiles.rulepacks.RulePack.*;

/**
 * Reads council rule packs from YAML. The packs shipped with the gateway live on the class path under
 * {@code rulepacks/<tenant>.yaml}; a deployment can add councils from a directory of further YAML files.
 * Every problem is reported as a {@link RulePackException} naming the file, the key and what is wrong.
 */
public final class RulePacks {
    /** Lists the packs shipped in the jar: a file, so a council is added without touching code. */
    private static final String INDEX = "rulepacks/index.txt";

    private static final int MAX_BYTES = 256 * 1024;
    private static final Pattern TENANT = Pattern.compile("[a-z][a-z0-9-]{1,39}");
    private static final Pattern NOTIFY = Pattern.compile("[a-z][a-z0-9-]{1,63}");
    private static final YAMLMapper YAML = new YAMLMapper();

    private RulePacks() {}

    /** A pack bundled in this jar, by tenant id. */
    public static RulePack bundled(String tenant) {
        if (!TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("not a tenant id: " + tenant);
        }
        String resource = "rulepacks/" + tenant + ".yaml";
        try (InputStream in = RulePacks.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new RulePackException(resource, "", "no rule pack bundled for tenant " + tenant);
            }
            return parse(resource, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tenant ids of the packs shipped in this jar, from rulepacks/index.txt. */
    public static List<String> bundledTenants() {
        try (InputStream in = RulePacks.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new RulePackException(INDEX, "", "missing from the class path");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All bundled packs, by tenant. */
    public static Map<String, RulePack> allBundled() {
        Map<String, RulePack> out = new TreeMap<>();
        bundledTenants().forEach(t -> out.put(t, bundled(t)));
        return out;
    }

    /** One pack from a file; its tenant must match the file name (kent.yaml holds tenant kent). */
    public static RulePack load(Path file) {
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            RulePack pack = parse(file.toString(), in);
            String expected = name.replaceFirst("\\.ya?ml$", "");
            if (!expected.equals(pack.tenant())) {
                throw new RulePackException(file.toString(), "tenant",
                        "tenant '" + pack.tenant() + "' does not match the file name " + name);
            }
            return pack;
        } catch (IOException e) {
            throw new RulePackException(file.toString(), "", "cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** Every *.yaml / *.yml pack in a directory, by tenant. */
    public static Map<String, RulePack> loadDirectory(Path dir) {
        Map<String, RulePack> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList()) {
                RulePack pack = load(f);
                out.put(pack.tenant(), pack);
            }
        } catch (IOException e) {
            throw new RulePackException(dir.toString(), "", "directory cannot be listed: " + e.getClass().getSimpleName());
        }
        return out;
    }

    /** Parses and validates one pack; {@code file} is used only in error messages. */
    public static RulePack parse(String file, InputStream in) {
        JsonNode root;
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new RulePackException(file, "", "larger than " + MAX_BYTES + " bytes");
            }
            root = YAML.readTree(bytes);
        } catch (IOException e) {
            throw new RulePackException(file, "", "not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new RulePackException(file, "", "empty");
        }
        return read(new PackNode(file, "", root));
    }

    private static RulePack read(PackNode n) {
        n.onlyKeys("tenant", "name", "version", "zone", "punctuality", "missed", "doubleUp", "shortVisit",
                "manualEntry", "noReply", "refusals", "hospitalAdmission", "continuity", "electronicMonitoring");
        PackNode tenantNode = n.required("tenant");
        String tenant = tenantNode.text();
        if (!TENANT.matcher(tenant).matches()) {
            throw tenantNode.problem("tenant id must be lower-case letters, digits and '-', 2-40 long");
        }
        PackNode zoneNode = n.required("zone");
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneNode.text());
        } catch (DateTimeException e) {
            throw zoneNode.problem("unknown time zone " + zoneNode.text());
        }
        List<Punctuality> punctuality = new ArrayList<>();
        for (PackNode p : n.optional("punctuality").map(PackNode::list).orElse(List.of())) {
            p.onlyKeys("source", "appliesTo", "tolerance", "breachWhen", "payable", "notify");
            punctuality.add(new Punctuality(source(p), p.required("appliesTo").enumValue(AppliesTo.class),
                    p.required("tolerance").duration(), p.required("breachWhen").enumValue(Breach.class),
                    payable(p), notify(p)));
        }
        return new RulePack(tenant, n.required("name").text(), n.required("version").text(), zone, punctuality,
                missed(n.required("missed")),
                n.optional("doubleUp").map(RulePacks::doubleUp),
                n.optional("shortVisit").map(RulePacks::shortVisit),
                n.optional("manualEntry").map(RulePacks::manualEntry),
                outcome(n.required("noReply")),
                refusals(n.required("refusals")),
                hospital(n.required("hospitalAdmission")),
                n.optional("continuity").map(RulePacks::continuity),
                n.optional("electronicMonitoring").map(RulePacks::compliance));
    }

    private static Missed missed(PackNode n) {
        n.onlyKeys("source", "anchor", "after", "breachWhen", "notify");
        return new Missed(source(n), n.required("anchor").enumValue(Anchor.class), n.required("after").duration(),
                n.required("breachWhen").enumValue(Breach.class), notify(n));
    }

    private static DoubleUp doubleUp(PackNode n) {
        n.onlyKeys("source", "maxArrivalGap", "breachWhen", "payable", "notify");
        Optional<Duration> gap = n.optional("maxArrivalGap").map(PackNode::duration);
        Optional<PackNode> breach = n.optional("breachWhen");
        if (gap.isPresent() && breach.isEmpty()) {
            throw n.problem("breachWhen is required with maxArrivalGap");
        }
        return new DoubleUp(source(n), gap, breach.map(b -> b.enumValue(Breach.class)).orElse(Breach.MORE_THAN),
                payable(n), notify(n));
    }

    private static ShortVisit shortVisit(PackNode n) {
        n.onlyKeys("source", "atMost", "exemptWhenPlannedShort", "payable", "notify");
        return new ShortVisit(source(n), n.required("atMost").duration(),
                n.required("exemptWhenPlannedShort").bool(), payable(n), notify(n));
    }

    private static ManualEntry manualEntry(PackNode n) {
        n.onlyKeys("source", "lateAfter", "breachWhen", "payable", "notify");
        return new ManualEntry(source(n), n.required("lateAfter").duration(),
                n.required("breachWhen").enumValue(Breach.class), payable(n), notify(n));
    }

    private static Outcome outcome(PackNode n) {
        n.onlyKeys("source", "payable", "notify");
        return new Outcome(source(n), payable(n), notify(n));
    }

    private static Hospital hospital(PackNode n) {
        n.onlyKeys("source", "payable", "notify", "suspendPackageAfter");
        return new Hospital(source(n), payable(n), notify(n), n.optional("suspendPackageAfter").map(PackNode::duration));
    }

    private static Refusals refusals(PackNode n) {
        n.onlyKeys("source", "consecutive", "reasonRequired", "payable", "notify");
        return new Refusals(source(n), n.required("consecutive").integer(1, 100),
                n.optional("reasonRequired").map(PackNode::bool).orElse(false), payable(n), notify(n));
    }

    private static Continuity continuity(PackNode n) {
        n.onlyKeys("source", "hoursBasis", "bands");
        List<Band> bands = new ArrayList<>();
        double expectedFrom = 0;
        List<PackNode> list = n.required("bands").list();
        if (list.isEmpty()) {
            throw n.required("bands").problem("at least one band is needed");
        }
        for (int i = 0; i < list.size(); i++) {
            PackNode b = list.get(i);
            b.onlyKeys("fromHours", "toHours", "target", "requirement");
            double from = b.required("fromHours").number();
            Optional<Double> to = b.optional("toHours").map(PackNode::number);
            // Bands must tile the week without gaps or overlaps, else a package could fall in none or two.
            if (from != expectedFrom) {
                throw b.required("fromHours").problem("bands must be contiguous from 0: expected " + expectedFrom);
            }
            if (to.isPresent() && to.get() <= from) {
                throw b.required("toHours").problem("toHours must be greater than fromHours");
            }
            if (to.isEmpty() && i != list.size() - 1) {
                throw b.problem("only the last band may be open-ended (no toHours)");
            }
            Limit target = limit(b.required("target"));
            Optional<Limit> requirement = b.optional("requirement").map(RulePacks::limit);
            if (requirement.isPresent() && requirement.get().maxWorkers() < target.maxWorkers()) {
                throw b.required("requirement").problem("requirement maxWorkers is below the target's");
            }
            bands.add(new Band(from, to, target, requirement));
            expectedFrom = to.orElse(Double.MAX_VALUE);
        }
        return new Continuity(source(n), n.required("hoursBasis").enumValue(HoursBasis.class), bands);
    }

    private static Limit limit(PackNode n) {
        n.onlyKeys("maxWorkers", "percentOfPackages");
        return new Limit(n.required("maxWorkers").integer(1, 1000), n.required("percentOfPackages").integer(1, 100));
    }

    private static Compliance compliance(PackNode n) {
        n.onlyKeys("source", "providerTargetPercent", "workerFloorPercent");
        return new Compliance(source(n), n.optional("providerTargetPercent").map(p -> p.integer(1, 100)),
                n.optional("workerFloorPercent").map(p -> p.integer(1, 100)));
    }

    /** Every rule says where it came from: a seed line, or an explicit assumption. */
    private static String source(PackNode n) {
        return n.required("source").text();
    }

    private static boolean payable(PackNode n) {
        return n.required("payable").bool();
    }

    private static Optional<String> notify(PackNode n) {
        return n.optional("notify").map(x -> {
            String v = x.text();
            if (!NOTIFY.matcher(v).matches()) {
                throw x.problem("notification reason must be a lower-case code like missed-visit");
            }
            return v;
        });
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
