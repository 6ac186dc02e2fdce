package org.carebridge.gateway.discharge;

import org.carebridge.gateway.store.ResourceStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What discharge queued in the outbox (table outbox_event), read back for assertions, and the routes
 * configuration the discharge tests run with (kent.yaml in the test routes directory, applied by a reload).
 */
final class Notifications {
    private Notifications() {}

    /** One queued event: kind, who may hear of it (or the one endpoint it goes to), what it is about. */
    record Queued(String kind, List<String> recipients, String endpoint, String about, String payload) {
        /** The one recipient (or endpoint), as "kind->recipient". */
        String to() {
            return kind + "->" + (endpoint != null ? endpoint : String.join(",", recipients));
        }
    }

    /** Events about one resource ("ServiceRequest/1", "Task/2"), oldest first. */
    static List<Queued> about(String tenant, String reference) {
        int slash = reference.indexOf('/');
        return DischargeTestSupport.bean(ResourceStore.class).inTenant(tenant, s -> {
            List<Queued> out = new ArrayList<>();
            try (PreparedStatement ps = s.connection().prepareStatement("select kind, recipients, endpoint, resource_type,"
                    + " resource_id, payload::text from outbox_event where tenant = ? and resource_type = ? and resource_id = ?"
                    + " order by seq")) {
                ps.setString(1, tenant);
                ps.setString(2, reference.substring(0, slash));
                ps.setString(3, reference.substring(slash + 1));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Queued(rs.getString(1), Arrays.asList((String[]) rs.getArray(2).getArray()), rs.getString(3),
                                rs.getString(4) + "/" + rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    /** How many events were queued for this endpoint. */
    static int toEndpoint(String tenant, String endpoint) {
        return DischargeTestSupport.bean(ResourceStore.class).inTenant(tenant, s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("select count(*) from outbox_event where tenant = ?"
                    + " and endpoint = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, endpoint);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    static List<String> kinds(String tenant, String reference) {
        return about(tenant, reference).stream().map(Queued::kind).toList();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kent's channels for a discharge test class: the MLLP listener on {@code mllpPort} (none if 0) and the
     * outbound notifications, polled fast. Written to kent.yaml and applied by a reload, as an operator would.
     */
    static void kentRoutes(int mllpPort) {
        kentRoutes(mllpPort, true);
    }

    /** As {@link #kentRoutes(int)}; {@code fastPoll} false leaves the notifications at the shipped defaults. */
    static void kentRoutes(int mllpPort, boolean fastPoll) {
        StringBuilder yaml = new StringBuilder("tenant: kent\nchannels:\n");
        if (mllpPort > 0) {
            yaml.append("""
                      - id: pas-adt
                        kind: hl7-mllp
                        partner: rvv-pas
                        parameters:
                          host: 127.0.0.1
                          port: %d
                    """.formatted(mllpPort));
        }
        yaml.append("""
                  - id: notify
                    kind: outbound-notification
                """);
        if (fastPoll) yaml.append("""
                    parameters:
                      poll-ms: 100
                      backoff-ms: 100
                      max-backoff-ms: 400
                      timeout-ms: 2000
                      max-attempts: 6
                """);
        writeRoutes("kent.yaml", yaml.toString());
    }

    static void writeRoutes(String file, String yaml) {
        try {
            Path config = Path.of("target", "test-routes");
            Files.createDirectories(config);
            Files.writeString(config.resolve(file), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var r = org.carebridge.gateway.routes.AdminClient.post(org.carebridge.gateway.GatewayServer.baseUrl(), "/admin/routes/reload");
        assertEquals(200, r.status(), String.valueOf(r.body()));
    }
}
