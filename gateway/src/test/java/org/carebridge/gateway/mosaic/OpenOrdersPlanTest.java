package org.carebridge.gateway.mosaic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.store.DatabaseFactory;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.mappings.mosaic.MappedPerson;
import org.carebridge.mappings.mosaic.MosaicMapper;
import org.carebridge.mappings.mosaic.SyntheticMosaic;
import org.carebridge.mappings.mosaic.OrderStatus;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.model.OrderRecord;
import org.carebridge.mappings.mosaic.model.PersonRecord;
import org.carebridge.profiles.Canonical;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The open orders a full extract ends are listed from the index tables with statistics that know nothing of the
 * tenant (analysed before its load, autovacuum held off), as after a fast first load: the four-way join of the past
 * was planned as nested loops there and ran for minutes. Each statement must now be one pass over one table (no join,
 * every plan node run once, no more rows examined than the table holds), and the answer must be the orders applied
 * that are still open.
 */
class OpenOrdersPlanTest {
    private static final String TENANT = "stale-stats";
    private static final List<String> TABLES = List.of("fhir_idx_token", "fhir_idx_ref");
    private static ApplicationContext ctx;
    /** Open order number -> Mosaic person id, as the records applied say. */
    private static final Map<String, String> EXPECTED = new HashMap<>();

    @BeforeAll
    static void loadWithStaleStatistics() throws SQLException {
        ctx = GatewayServer.start().getApplicationContext();
        try (Connection owner = owner(); Statement st = owner.createStatement()) {
            for (String t : TABLES) {
                st.execute("alter table " + t + " set (autovacuum_enabled = false)");
                st.execute("analyze " + t); // before this tenant's rows exist
            }
        }
        PostgresMosaicSink sink = ctx.getBean(MosaicFeeds.class).sink();
        MosaicMapper mapper = new MosaicMapper(ctx.getBean(MosaicKey.class).bytes());
        ExtractHeader header = new ExtractHeader(TENANT, "delta", "2026-11-30T06:00:00Z", "STALE");
        List<MappedPerson> group = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            PersonRecord p = SyntheticMosaic.person(29, i);
            // Some orders closed, so that the answer has to leave them out.
            if (i % 4 == 0) p.orders.get(0).status = i % 8 == 0 ? "ended" : "cancelled";
            for (OrderRecord o : p.orders) {
                if (OrderStatus.fromCode(o.status).orElseThrow().isOpen()) EXPECTED.put(o.orderNumber, p.personId);
            }
            group.add(mapper.map(TENANT, p));
            if (group.size() == 100) {
                sink.applyPersons(header, group).forEach(e -> assertEquals(null, e));
                group.clear();
            }
        }
    }

    @AfterAll
    static void autovacuumBack() throws SQLException {
        try (Connection owner = owner(); Statement st = owner.createStatement()) {
            for (String t : TABLES) {
                st.execute("alter table " + t + " reset (autovacuum_enabled)");
                st.execute("analyze " + t);
            }
        }
    }

    @Test
    void eachStatementIsOnePassOverOneTable() throws Exception {
        // statement, the table it reads, its identifier system (if it takes one)
        List<String[]> statements = List.of(
                new String[]{PostgresMosaicSink.OPEN_ORDER_STATUSES, "fhir_idx_token", null},
                new String[]{PostgresMosaicSink.ORDER_NUMBERS, "fhir_idx_token", Canonical.MOSAIC_ORDER},
                new String[]{PostgresMosaicSink.ORDER_SUBJECTS, "fhir_idx_ref", null},
                new String[]{PostgresMosaicSink.PERSON_IDS, "fhir_idx_token", Canonical.MOSAIC_PERSON});
        for (String[] e : statements) {
            String sql = e[0];
            JsonNode plan = explain(sql, e[2]);
            long tableRows = count("select count(*) from " + e[1]);
            long[] examined = {0};
            walk(plan, node -> {
                String type = node.path("Node Type").asText();
                assertFalse(type.contains("Join") || type.contains("Nested Loop"), "a join in the plan of " + sql
                        + ":\n" + plan.toPrettyString());
                assertEquals(1, node.path("Actual Loops").asLong(), "a node run more than once:\n" + plan.toPrettyString());
                examined[0] += node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong()
                        + node.path("Rows Removed by Index Recheck").asLong();
            });
            assertTrue(examined[0] <= 2 * tableRows, "examined " + examined[0] + " rows of a table of " + tableRows
                    + ":\n" + plan.toPrettyString());
        }
    }

    @Test
    void theAnswerIsTheOpenOrdersApplied() {
        // (The four-way join this replaces took 447 s for this answer here, on the shared build machine.)
        Map<String, String> open = ctx.getBean(MosaicFeeds.class).sink().openOrders(TENANT);
        long orders = count("select count(*) from fhir_idx_token where tenant = '" + TENANT + "' and res_type ="
                + " 'ServiceRequest' and param = 'identifier' and system = '" + Canonical.MOSAIC_ORDER + "'");
        assertTrue(EXPECTED.size() > 100 && EXPECTED.size() < orders, "some open, some not: " + EXPECTED.size()
                + " of " + orders);
        assertEquals(EXPECTED, open);
    }

    /** The statement's generic plan (as the pool's sessions use) run in the tenant, as the gateway's role. */
    private static JsonNode explain(String sql, String system) {
        String numbered = sql;
        for (int n = 1; numbered.contains("?"); n++) numbered = numbered.replaceFirst("\\?", "\\$" + n);
        String prepared = numbered;
        return ctx.getBean(ResourceStore.class).inTenant(TENANT, s -> {
            Connection c = s.connection();
            try (Statement st = c.createStatement()) {
                st.execute("set local plan_cache_mode = force_generic_plan");
                st.execute("prepare open_orders_plan as " + prepared);
                String args = "'" + TENANT + "'" + (system == null ? "" : ", '" + system + "'");
                try (ResultSet rs = st.executeQuery("explain (analyze, format json) execute open_orders_plan(" + args + ")")) {
                    rs.next();
                    JsonNode plan = new ObjectMapper().readTree(rs.getString(1)).get(0).get("Plan");
                    st.execute("deallocate open_orders_plan");
                    return plan;
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    private static void walk(JsonNode node, java.util.function.Consumer<JsonNode> visit) {
        visit.accept(node);
        for (JsonNode child : node.path("Plans")) walk(child, visit);
    }

    private static long count(String sql) {
        try (Connection owner = owner(); Statement st = owner.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection owner() throws SQLException {
        String url = ctx.getBean(DatabaseFactory.EmbeddedDatabaseHolder.class).server().jdbcUrl();
        return DriverManager.getConnection(url, "postgres", "postgres");
    }
}
