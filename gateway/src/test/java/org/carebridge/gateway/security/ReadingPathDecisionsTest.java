package org.carebridge.gateway.security;

import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.gateway.store.SearchSpec;
import org.carebridge.gateway.store.StoredResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-round-trip reads and searches ({@link ResourceStore#reading}) decide exactly what the transaction path
 * decided: for every role and every seeded resource, the read under the role's visibility rule finds the same row,
 * and the type searches (with and without a date criterion, first page and total) count and list the same ones —
 * each also re-executed, as pgjdbc then runs them as server-side prepared statements.
 */
class ReadingPathDecisionsTest {
    private static ResourceStore store;
    private static Visibility visibility;
    private static Map<String, String> seeded;

    @BeforeAll
    static void seed() {
        var ctx = GatewayServer.start().getApplicationContext();
        store = ctx.getBean(ResourceStore.class);
        visibility = ctx.getBean(Visibility.class);
        seeded = SecuritySeed.ensure();
    }

    private static List<Caller> callers() {
        Scopes all = Scopes.parse("system/*.rs");
        return List.of(
                new Caller("kent", "office-a", "PA1", Caller.OrgType.PROVIDER, Set.of(Caller.PROVIDER_OFFICE), all, "care", "t"),
                new Caller("kent", "worker-a1", "PA1", Caller.OrgType.PROVIDER, Set.of(Caller.CARE_WORKER), all, "care", "t"),
                new Caller("kent", "ward-1", "RH1", Caller.OrgType.HOSPITAL, Set.of(Caller.DISCHARGE_TEAM), all, "care", "t"),
                new Caller("kent", "staff", "886", Caller.OrgType.COUNCIL, Set.of(Caller.COUNCIL_STAFF), all, "care", "t"));
    }

    private static List<SearchSpec.Restriction> rule(Caller c, String type, boolean fewRows) {
        AccessPolicy.Access a = visibility.policy().readAccess(c, type, fewRows);
        if (a instanceof AccessPolicy.Where w) return List.of(w.restriction());
        if (a instanceof AccessPolicy.Deny) return List.of(new SearchSpec.Restriction("false", List.of()));
        return List.of();
    }

    @Test
    void readsFindTheSameRowsForEveryRole() {
        int visible = 0;
        for (Caller c : callers()) {
            for (var e : seeded.entrySet()) {
                String[] typeId = e.getValue().split("/");
                List<SearchSpec.Restriction> r = rule(c, typeId[0], true);
                Optional<StoredResource> tx = store.inTenant("kent", s -> s.readRestricted(typeId[0], typeId[1], r, null));
                for (int i = 0; i < 3; i++) { // and again, as prepared statements (where a lost setting showed)
                    Optional<StoredResource> one = store.reading("kent", s -> s.readRestricted(typeId[0], typeId[1], r, null));
                    assertEquals(tx.map(StoredResource::json), one.map(StoredResource::json), c.subject() + " reads " + e.getKey());
                }
                if (tx.isPresent()) visible++;
            }
        }
        assertTrue(visible > 20, "the seed makes many rows visible to some role: " + visible);
    }

    @Test
    void typeSearchesListTheSameRowsForEveryRole() {
        for (Caller c : callers()) {
            for (String type : seeded.values().stream().map(v -> v.split("/")[0]).distinct().toList()) {
                for (boolean fewRows : List.of(true, false)) {
                    // All of the type, and the same with a date criterion (timestamp parameters), two to a page.
                    List<SearchSpec.Criterion> dated = List.of(new SearchSpec.LastUpdated(new SearchSpec.DateBound("ge",
                            java.time.Instant.now().minus(java.time.Duration.ofDays(1)), null)));
                    for (List<SearchSpec.Criterion> criteria : List.of(List.<SearchSpec.Criterion>of(), dated)) {
                        SearchSpec spec = new SearchSpec(type, criteria, List.of(), 0, 2, false, List.of(), rule(c, type, fewRows));
                        var tx = store.inTenant("kent", s -> s.search(spec));
                        for (int i = 0; i < 3; i++) {
                            var one = store.reading("kent", s -> s.search(spec));
                            assertEquals(tx.total(), one.total(), c.subject() + " counts " + type + " " + criteria);
                            assertEquals(ids(tx.matches()), ids(one.matches()), c.subject() + " lists " + type + " " + criteria);
                        }
                    }
                }
            }
        }
    }

    private static List<String> ids(List<StoredResource> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.id()));
        return out;
    }
}
