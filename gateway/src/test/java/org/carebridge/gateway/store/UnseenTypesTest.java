package org.carebridge.gateway.store;

import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.search.IndexEntries;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Creations of a resource type the planner's statistics do not know have fhir_resource analysed after a thousand of
 * them, so that lookups of that type stop reading all its rows through the last_updated index.
 */
class UnseenTypesTest {
    /** A tenant of its own: no FHIR test sees these rows. */
    private static final String T = "unseen-types-test";
    private static final IndexEntries NO_INDEX = new IndexEntries(List.of(), List.of(), List.of());
    private final ResourceStore store = GatewayServer.start().getApplicationContext().getBean(ResourceStore.class);

    @Test
    void aThousandCreationsOfAnUnknownTypeAskForARefreshOtherWritesDoNot() {
        store.inTenant(T, s -> { s.refreshStatistics("fhir_idx"); return null; }); // the demo data's types, known
        store.awaitStatisticsRefreshes();
        Set<String> known = store.inTenant(T, UnseenTypesTest::known);
        assertFalse(known.isEmpty(), "the planner knows the demo data's types");
        String unknown = probeType(known);
        String common = known.iterator().next();
        UnseenTypes unseen = new UnseenTypes();
        store.inTenant(T, s -> {
            assertFalse(unseen.written(s, creations(common, 2_000)), "a type the planner knows never counts");
            List<ResourceWrite> updates = new ArrayList<>();
            for (ResourceWrite w : creations(unknown, 2_000)) {
                updates.add(new ResourceWrite(w.type(), w.id(), 2, w.lastUpdated(), w.json(), NO_INDEX, "PUT", true));
            }
            assertFalse(unseen.written(s, updates), "nor do updates: a few rows written often never need it");
            assertFalse(unseen.written(s, creations(unknown, 999)), "999 creations: not yet");
            assertTrue(unseen.written(s, creations(unknown, 1)), "the thousandth asks for the refresh");
            assertFalse(unseen.written(s, creations(unknown, 2_000)), "nothing counted until that refresh has run");
            return null;
        });
        store.awaitStatisticsRefreshes();
        String another = probeType(known);
        store.inTenant(T, s -> {
            assertTrue(unseen.written(s, creations(another, 1_000)), "counted again once it has run");
            return null;
        });
    }

    @Test
    void afterAThousandCreationsThroughTheStoreThePlannerKnowsTheType() {
        store.awaitStatisticsRefreshes();
        String unknown = probeType(store.inTenant(T, UnseenTypesTest::known));
        for (int batch = 0; batch < 4; batch++) {
            List<ResourceWrite> writes = creations(unknown, 250);
            int b = batch;
            writes.replaceAll(w -> new ResourceWrite(w.type(), w.id() + "-" + b, 1, w.lastUpdated(), w.json(),
                    NO_INDEX, "POST", false));
            store.inTenant(T, s -> { s.write(writes); return null; });
        }
        store.awaitStatisticsRefreshes();
        assertTrue(store.inTenant(T, UnseenTypesTest::known).contains(unknown),
                unknown + " is among the planner's common values of res_type after 1,000 of them were made");
    }

    /** A type name nobody else writes (the store takes any; this tenant's rows are never served). */
    private static String probeType(Set<String> known) {
        String type = "UnseenProbe" + Long.toString(System.nanoTime(), 36);
        assertFalse(known.contains(type));
        return type;
    }

    private static List<ResourceWrite> creations(String type, int n) {
        List<ResourceWrite> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = "unseen-" + type.toLowerCase() + "-" + i;
            out.add(new ResourceWrite(type, id, 1, Instant.now(), "{\"resourceType\":\"" + type + "\",\"id\":\"" + id + "\"}",
                    NO_INDEX, "POST", false));
        }
        return out;
    }

    /** What the store itself asks: the owner's function, as pg_stats hides the statistics from the app's role. */
    private static Set<String> known(StoreSession s) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("select carebridge_planner_types()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Set.of((String[]) rs.getArray(1).getArray());
        }
    }
}
