package org.carebridge.routes.core;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads the per-tenant channel files of a directory ({@code kent.yaml}, {@code lbhf.yaml}...) and checks them
 * completely before anything is applied. Every problem names the file, line and column (from the YAML parser's
 * marks) and says what is wrong, so integration staff can fix the file without reading Java.
 */
public final class RouteConfigLoader {
    /** Larger files are certainly a mistake (a data file dropped in the config directory). */
    static final int MAX_FILE_BYTES = 1 << 20;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> FILE_KEYS = Set.of("tenant", "channels");
    private static final Set<String> CHANNEL_KEYS = Set.of("id", "kind", "partner", "handler", "parameters");
    private static final Set<String> POSITIVE_INTS = Set.of("poll-ms", "max-attempts", "backoff-ms", "max-backoff-ms",
            "timeout-ms", "batch", "max-bytes", "max-concurrent-consumers");

    /** What the loader checks against: the gateway's tenants and the handlers installed. */
    public interface Environment {
        boolean tenantExists(String tenant);

        boolean handlerExists(String handler);
    }

    private final Environment env;

    public RouteConfigLoader(Environment env) {
        this.env = env;
    }

    /** All {@code *.yaml}/{@code *.yml} files of the directory, in name order. A missing directory is no channels. */
    public RoutesConfig load(Path dir) {
        List<ChannelConfig> channels = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new RoutesConfig(List.of(), List.of());
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            return new RoutesConfig(List.of(), List.of(new ConfigProblem(dir.toString(), 0, 0,
                    "cannot list the configuration directory: " + e.getMessage())));
        }
        Map<String, String> tenantFiles = new LinkedHashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            try {
                if (Files.size(f) > MAX_FILE_BYTES) {
                    problems.add(new ConfigProblem(name, 0, 0, "file larger than " + MAX_FILE_BYTES + " bytes"));
                    continue;
                }
                String text = Files.readString(f, StandardCharsets.UTF_8);
                parseFile(name, new StringReader(text), channels, problems, tenantFiles);
            } catch (IOException e) {
                problems.add(new ConfigProblem(name, 0, 0, "cannot read: " + e.getMessage()));
            }
        }
        crossChecks(channels, problems);
        return new RoutesConfig(channels, problems);
    }

    /** One file's text (tests, and the admin API's validate of an uploaded file). */
    public RoutesConfig parse(String fileName, String text) {
        List<ChannelConfig> channels = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        parseFile(fileName, new StringReader(text), channels, problems, new LinkedHashMap<>());
        crossChecks(channels, problems);
        return new RoutesConfig(channels, problems);
    }

    private void parseFile(String file, Reader reader, List<ChannelConfig> channels, List<ConfigProblem> problems,
                           Map<String, String> tenantFiles) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(MAX_FILE_BYTES);
        Node root;
        try {
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(new ConfigProblem(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    "not valid YAML: " + e.getProblem()));
            return;
        } catch (YAMLException e) {
            problems.add(new ConfigProblem(file, 0, 0, "not valid YAML: " + e.getMessage()));
            return;
        }
        if (root == null) {
            problems.add(new ConfigProblem(file, 1, 1, "empty file: expected 'tenant:' and 'channels:'"));
            return;
        }
        Problems p = new Problems(file, problems);
        if (!(root instanceof MappingNode top)) {
            p.add(root, "expected a mapping with 'tenant:' and 'channels:'");
            return;
        }
        Map<String, NodeTuple> keys = keys(top, FILE_KEYS, p, "file");
        String tenant = scalar(keys.get("tenant"), p, "tenant");
        if (tenant == null) {
            p.add(top, "missing 'tenant:' (the council this file configures, e.g. kent)");
            return;
        }
        Node tenantNode = keys.get("tenant").getValueNode();
        if (!env.tenantExists(tenant)) {
            p.add(tenantNode, "unknown tenant '" + tenant + "'");
            return;
        }
        String expectedFile = tenant + ".yaml";
        if (!file.equals(expectedFile) && !file.equals(tenant + ".yml")) {
            p.add(tenantNode, "tenant '" + tenant + "' must be configured in " + expectedFile);
        }
        String earlier = tenantFiles.putIfAbsent(tenant, file);
        if (earlier != null) {
            p.add(tenantNode, "tenant '" + tenant + "' is already configured in " + earlier);
            return;
        }
        NodeTuple channelsTuple = keys.get("channels");
        if (channelsTuple == null) {
            p.add(top, "missing 'channels:' (a list, possibly empty: channels: [])");
            return;
        }
        if (!(channelsTuple.getValueNode() instanceof SequenceNode list)) {
            p.add(channelsTuple.getValueNode(), "'channels' must be a list of channels");
            return;
        }
        Map<String, Node> ids = new LinkedHashMap<>();
        for (Node item : list.getValue()) {
            ChannelConfig c = channel(tenant, item, p);
            if (c == null) continue;
            Node earlierId = ids.putIfAbsent(c.id(), item);
            if (earlierId != null) {
                p.add(item, "duplicate channel id '" + c.id() + "' (first at line "
                        + (earlierId.getStartMark().getLine() + 1) + ")");
                continue;
            }
            channels.add(c);
        }
    }

    private ChannelConfig channel(String tenant, Node item, Problems p) {
        if (!(item instanceof MappingNode m)) {
            p.add(item, "a channel must be a mapping with id, kind, partner and parameters");
            return null;
        }
        int before = p.count();
        Map<String, NodeTuple> keys = keys(m, CHANNEL_KEYS, p, "channel");
        String id = scalar(keys.get("id"), p, "id");
        String kindName = scalar(keys.get("kind"), p, "kind");
        String partner = scalar(keys.get("partner"), p, "partner");
        String handler = scalar(keys.get("handler"), p, "handler");
        if (id == null) {
            p.add(m, "channel without 'id'");
        } else if (!ID.matcher(id).matches()) {
            p.add(keys.get("id").getValueNode(), "channel id '" + id + "' must be lower-case letters, digits and '-'");
        }
        ChannelKind kind = null;
        if (kindName == null) {
            p.add(m, "channel without 'kind' (one of " + kinds() + ")");
        } else {
            kind = ChannelKind.byId(kindName).orElse(null);
            if (kind == null) {
                p.add(keys.get("kind").getValueNode(), "unknown kind '" + kindName + "' (one of " + kinds() + ")");
            }
        }
        if (partner == null && kind != ChannelKind.OUTBOUND_NOTIFICATION) {
            p.add(m, "channel without 'partner' (the provider or hospital sending on it)");
        } else if (partner != null && !ID.matcher(partner).matches()) {
            p.add(keys.get("partner").getValueNode(), "partner '" + partner + "' must be lower-case letters, digits and '-'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        NodeTuple paramsTuple = keys.get("parameters");
        if (paramsTuple != null) {
            if (paramsTuple.getValueNode() instanceof MappingNode pm) {
                for (NodeTuple t : pm.getValue()) {
                    String name = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                    if (!(t.getValueNode() instanceof ScalarNode v)) {
                        p.add(t.getValueNode(), "parameter '" + name + "' must be a single value");
                        continue;
                    }
                    if (kind != null && !kind.accepts(name)) {
                        p.add(t.getKeyNode(), "unknown parameter '" + name + "' for kind " + kind.id()
                                + " (accepted: " + accepted(kind) + ")");
                        continue;
                    }
                    params.put(name, v.getValue());
                    if (kind != null) checkValue(kind, name, v, p);
                }
            } else {
                p.add(paramsTuple.getValueNode(), "'parameters' must be a mapping of name: value");
            }
        }
        if (kind != null) {
            for (String r : kind.required()) {
                if (!params.containsKey(r)) {
                    p.add(m, "missing parameter '" + r + "' for kind " + kind.id());
                }
            }
        }
        String handlerName = handler != null ? handler : kind == null ? null : kind.id();
        if (handlerName != null && !env.handlerExists(handlerName)) {
            p.add(keys.containsKey("handler") ? keys.get("handler").getValueNode() : m,
                    "no handler '" + handlerName + "' is installed in this gateway"
                            + (handler == null ? " (the processor for " + handlerName + " channels is missing)" : ""));
        }
        if (p.count() > before || kind == null || id == null) {
            return null;
        }
        Mark mark = m.getStartMark();
        return new ChannelConfig(tenant, id, kind, partner, handlerName, kind.withDefaults(params),
                new ChannelConfig.Source(p.file, mark.getLine() + 1, mark.getColumn() + 1));
    }

    private static void checkValue(ChannelKind kind, String name, ScalarNode v, Problems p) {
        String value = v.getValue();
        switch (name) {
            case "port" -> {
                int port = parseInt(value);
                if (port < 1 || port > 65535) p.add(v, "port '" + value + "' must be a number from 1 to 65535");
            }
            case "include" -> {
                try {
                    Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    p.add(v, "include '" + value + "' is not a valid regular expression: " + e.getDescription());
                }
            }
            case "read-lock" -> {
                if (!Set.of("changed", "rename", "none").contains(value)) {
                    p.add(v, "read-lock must be changed, rename or none");
                }
            }
            case "api-key-sha256" -> {
                if (value.length() != 64 || !value.chars().allMatch(HexFormat::isHexDigit)) {
                    p.add(v, "api-key-sha256 must be the 64 hex digits of the key's SHA-256");
                }
            }
            case "dir" -> checkDirectory(value, v, p);
            default -> {
                if (POSITIVE_INTS.contains(name) && parseInt(value) < 1) {
                    p.add(v, name + " '" + value + "' must be a positive whole number");
                }
            }
        }
    }

    private static void checkDirectory(String value, ScalarNode v, Problems p) {
        if (value.isBlank()) {
            p.add(v, "dir must not be empty");
            return;
        }
        Path dir = Path.of(value).toAbsolutePath().normalize();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            p.add(v, "dir '" + value + "' is not a directory");
        } else if (!Files.isWritable(existing)) {
            p.add(v, "dir '" + value + "' is not writable by the gateway (processed files are moved out of it)");
        }
    }

    /** Clashes between channels, possibly in different files: ports and directories are the host's, not a tenant's. */
    private static void crossChecks(List<ChannelConfig> channels, List<ConfigProblem> problems) {
        Map<String, ChannelConfig> ports = new LinkedHashMap<>();
        Map<Path, ChannelConfig> dirs = new LinkedHashMap<>();
        Map<String, ChannelConfig> outbound = new LinkedHashMap<>();
        List<ChannelConfig> clashing = new ArrayList<>();
        for (ChannelConfig c : channels) {
            if (c.kind() == ChannelKind.HL7_MLLP) {
                ChannelConfig other = ports.putIfAbsent(c.parameter("port"), c);
                if (other != null) {
                    problems.add(ConfigProblem.at(c.source(), "port " + c.parameter("port") + " is already used by channel "
                            + other.routeId() + " (" + other.source() + ")"));
                    clashing.add(c);
                }
            }
            if (c.kind().readsDirectory()) {
                ChannelConfig other = dirs.putIfAbsent(Path.of(c.parameter("dir")).toAbsolutePath().normalize(), c);
                if (other != null) {
                    problems.add(ConfigProblem.at(c.source(), "dir " + c.parameter("dir") + " is already read by channel "
                            + other.routeId() + " (" + other.source() + ")"));
                    clashing.add(c);
                }
            }
            if (c.kind() == ChannelKind.OUTBOUND_NOTIFICATION) {
                ChannelConfig other = outbound.putIfAbsent(c.tenant(), c);
                if (other != null) {
                    problems.add(ConfigProblem.at(c.source(), "tenant " + c.tenant()
                            + " already has an outbound-notification channel (" + other.source() + ")"));
                    clashing.add(c);
                }
            }
        }
        channels.removeAll(clashing);
    }

    private static Map<String, NodeTuple> keys(MappingNode m, Set<String> allowed, Problems p, String what) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                p.add(t.getKeyNode(), "keys must be plain names");
                continue;
            }
            if (!allowed.contains(k.getValue())) {
                p.add(k, "unknown " + what + " key '" + k.getValue() + "' (expected " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                continue;
            }
            out.put(k.getValue(), t);
        }
        return out;
    }

    private static String scalar(NodeTuple t, Problems p, String name) {
        if (t == null) return null;
        if (t.getValueNode() instanceof ScalarNode s && !s.getValue().isBlank()) {
            return s.getValue().trim();
        }
        p.add(t.getValueNode(), "'" + name + "' must be a single non-empty value");
        return null;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String kinds() {
        return String.join(", ", Stream.of(ChannelKind.values()).map(ChannelKind::id).toList());
    }

    private static String accepted(ChannelKind kind) {
        return String.join(", ", Stream.concat(kind.required().stream(), kind.defaults().keySet().stream()).sorted().toList());
    }

    /** Collects problems of one file, positioned by YAML node marks (1-based lines and columns). */
    private static final class Problems {
        final String file;
        final List<ConfigProblem> list;
        int count;

        Problems(String file, List<ConfigProblem> list) {
            this.file = file;
            this.list = list;
        }

        void add(Node at, String message) {
            Mark m = at.getStartMark();
            list.add(new ConfigProblem(file, m.getLine() + 1, m.getColumn() + 1, message));
            count++;
        }

        int count() {
            return count;
        }
    }
}
