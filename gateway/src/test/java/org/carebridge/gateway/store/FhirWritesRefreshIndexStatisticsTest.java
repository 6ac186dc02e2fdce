package org.carebridge.gateway.store;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes made over FHIR alone (no feed) fill the index tables too, so they must refresh the planner's statistics as
 * the ECM writer's do: a store whose first load came through transaction Bundles otherwise keeps the generic plans
 * made while those tables were empty (the cause of ECM at 140 events/s after a FHIR ingest).
 */
class FhirWritesRefreshIndexStatisticsTest {
    private static final String T = "kent";
    private final ResourceStore store = GatewayServer.start().getApplicationContext().getBean(ResourceStore.class);
    private final IGenericClient council = GatewayServer.client(T);

    @Test
    void transactionBundlesOverFhirAnalyseTheIndexTablesAsTheyGrow() {
        store.awaitStatisticsRefreshes();
        long analysedBefore = store.inTenant(T, s -> analysed(s, "fhir_idx_token"));
        long resourcesBefore = store.inTenant(T, s -> analysed(s, "fhir_resource"));
        long remaining = store.indexWritesUntilRefresh(T);
        long posted = 0;
        int batch = 0;
        // Other test classes may write in between; the doubling only moves the next refresh further, so post until
        // the count due has been passed by this test's own writes alone, in Bundles well inside the body limit.
        while (posted <= remaining) {
            Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            for (int i = 0; i < 400; i++) {
                Patient p = new Patient();
                p.addIdentifier().setSystem("urn:test:growth").setValue("g-" + batch + "-" + i);
                p.setGender(Enumerations.AdministrativeGender.UNKNOWN);
                tx.addEntry().setResource(p).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
            }
            council.transaction().withBundle(tx).execute();
            posted += 400;
            batch++;
        }
        store.awaitStatisticsRefreshes(); // they run off the writers' transactions
        long analysedAfter = store.inTenant(T, s -> analysed(s, "fhir_idx_token"));
        assertTrue(analysedAfter > analysedBefore,
                "after " + posted + " Patients over FHIR (" + remaining + " were due) the token index was analysed");
        // The resource table too (V9): the Bundle lock's per-id probes are planned from its statistics.
        assertTrue(store.inTenant(T, s -> analysed(s, "fhir_resource")) > resourcesBefore, "fhir_resource analysed");
    }

    /** Analyses other than autovacuum's: the owner's function runs a plain ANALYZE. */
    private static long analysed(StoreSession s, String table) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement(
                "select analyze_count from pg_stat_user_tables where relname = ?")) {
            ps.setString(1, table);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}
