package org.carebridge.gateway.store;

import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.store.SearchSpec.IdIn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link ResourceStore#reading}: the first read statement declares the tenant itself (set_config and the query in one
 * round trip, inside the transaction), under the same row-level security as {@link ResourceStore#inTenant} — what it
 * finds is the tenant's, the other tenant's rows stay invisible, and the setting does not outlive the transaction on
 * the pooled connection. A write inside a reading session declares the tenant first and commits.
 */
class ReadingSessionTest {
    private static final String TYPE = "Basic";
    private static DataSource dataSource;
    private static ResourceStore store;
    private static final String ID = "reading-" + UUID.randomUUID();

    @BeforeAll
    static void seed() {
        var ctx = GatewayServer.start().getApplicationContext();
        dataSource = ctx.getBean(DataSource.class);
        store = ctx.getBean(ResourceStore.class);
        store.inTenant("kent", s -> {
            s.write(List.of(write(ID, 1)));
            return null;
        });
    }

    private static ResourceWrite write(String id, long version) {
        return new ResourceWrite(TYPE, id, version, Instant.now(), "{\"resourceType\":\"Basic\",\"id\":\"" + id + "\"}",
                new org.carebridge.gateway.search.IndexEntries(List.of(), List.of(), List.of()), "PUT", false);
    }

    private static SearchSpec byId(String id, List<SearchSpec.Restriction> restrictions) {
        return new SearchSpec(TYPE, List.of(new IdIn(List.of(id))), List.of(), 0, 10, false, List.of(), restrictions);
    }

    @Test
    void readsSeeTheirTenantOnlyAndTheBindingEndsWithTheStatement() throws Exception {
        try (Connection physical = dataSource.getConnection()) {
            // One connection for every session below, so what a session leaves on it can be looked at afterwards.
            ResourceStore one = new ResourceStore(single(physical));
            // The restriction holds only while the statement itself runs bound to kent: row-level security and the
            // statement's own tenant condition would hide the row otherwise, so finding it proves the binding.
            SearchSpec.Restriction boundNow = new SearchSpec.Restriction(
                    "current_setting('carebridge.tenant', true) = ?", List.of("kent"));
            assertTrue(one.reading("kent", s -> s.readRestricted(TYPE, ID, List.of(boundNow), null)).isPresent());
            SearchPage page = one.reading("kent", s -> s.search(byId(ID, List.of(boundNow))));
            assertEquals(1, page.total());
            assertEquals(ID, page.matches().get(0).id());

            assertTrue(one.reading("lbhf", s -> s.readRestricted(TYPE, ID, List.of(), null)).isEmpty());
            assertEquals(0, one.reading("lbhf", s -> s.search(byId(ID, List.of()))).total());

            // Nothing is left bound on the connection: after the sessions' commits, no tenant, no rows.
            assertFalse(physical.getAutoCommit(), "the pool's mode (autocommit off), never changed");
            try (PreparedStatement ps = physical.prepareStatement("select coalesce(current_setting('carebridge.tenant', true), ''),"
                    + " (select count(*) from fhir_resource where res_type = 'Basic' and res_id = ?)")) {
                ps.setString(1, ID);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals("", rs.getString(1));
                    assertEquals(0, rs.getInt(2), "row-level security shows nothing without a tenant");
                }
            }
            physical.rollback();
        }
    }

    @Test
    void timestampArgumentsFindTheSameRowsOnEveryExecution() {
        // Past pgjdbc's prepare threshold: re-executed prepared statements with timestamp parameters are where binding
        // the tenant outside a transaction (autocommit) lost it and found nothing.
        java.sql.Timestamp from = java.sql.Timestamp.from(Instant.now().minusSeconds(3600));
        java.sql.Timestamp to = java.sql.Timestamp.from(Instant.now().plusSeconds(3600));
        SearchSpec.Restriction window = new SearchSpec.Restriction("r.last_updated >= ? and r.last_updated < ?", List.of(from, to));
        for (int i = 0; i < 6; i++) {
            assertTrue(store.reading("kent", s -> s.readRestricted(TYPE, ID, List.of(window), null)).isPresent(), "read " + i);
            assertEquals(1, store.reading("kent", s -> s.search(byId(ID, List.of(window)))).total(), "search " + i);
        }
    }

    @Test
    void aWriteInAReadingSessionIsATransactionBoundToTheTenant() {
        String id = "reading-w-" + UUID.randomUUID();
        String seen = store.reading("kent", s -> {
            assertTrue(s.readRestricted(TYPE, id, List.of(), null).isEmpty());
            s.write(List.of(write(id, 1)));
            // The write is flushed before this read, inside the session's transaction, so the read sees it.
            return s.readRestricted(TYPE, id, List.of(), null).map(StoredResource::id).orElse(null);
        });
        assertEquals(id, seen);
        assertTrue(store.inTenant("kent", s -> s.read(TYPE, id)).isPresent(), "committed");
        assertTrue(store.inTenant("lbhf", s -> s.read(TYPE, id)).isEmpty());
    }

    @Test
    void aFailingReadingSessionLeavesNothingBehind() {
        String id = "reading-f-" + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> store.reading("kent", s -> {
            s.write(List.of(write(id, 1)));
            s.flush();
            throw new IllegalStateException("fails after its write");
        }));
        assertTrue(store.inTenant("kent", s -> s.read(TYPE, id)).isEmpty(), "rolled back");
    }

    /** A DataSource that hands out the same connection every time and never closes it. */
    private static DataSource single(Connection c) {
        Connection keep = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("close")) return null;
                    try {
                        return m.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("getConnection")) return keep;
                    throw new SQLException("not supported here: " + m.getName());
                });
    }
}
