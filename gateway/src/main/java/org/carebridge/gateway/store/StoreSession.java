package org.carebridge.gateway.store;

import org.carebridge.gateway.search.IndexEntries;
import org.postgresql.PGStatement;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/** The store's operations inside one tenant-bound transaction. Not thread-safe; lives for one unit of work. */
public final class StoreSession {
    private static final Timestamp MINUS_INFINITY = new Timestamp(PGStatement.DATE_NEGATIVE_INFINITY);
    private static final Timestamp PLUS_INFINITY = new Timestamp(PGStatement.DATE_POSITIVE_INFINITY);

    private final Connection c;
    private final String tenant;
    /** Writes are buffered and sent in batches: before any read of this session, and before commit. */
    private final List<ResourceWrite> pending = new ArrayList<>();
    /** Rows this transaction holds locked, as they stand after its own writes (empty: no such resource yet). */
    private final Map<String, Optional<StoredResource>> locked = new java.util.HashMap<>();

    StoreSession(Connection c, String tenant) {
        this.c = c;
        this.tenant = tenant;
    }

    public String tenant() {
        return tenant;
    }

    /**
     * The JDBC connection of this transaction, for modules that keep their own tables (audit, outbox...).
     * Buffered resource writes are flushed first, so what they see includes this session's writes.
     */
    public Connection connection() throws SQLException {
        flush();
        return c;
    }

    /** Current version (deleted or not), locked until the transaction ends so concurrent writers queue. */
    public Optional<StoredResource> lockCurrent(String type, String id) throws SQLException {
        Optional<StoredResource> known = locked.get(type + '/' + id);
        if (known != null) return known; // locked earlier in this transaction; kept up to date by write()
        flush();
        Optional<StoredResource> r = one("select res_id, version, last_updated, deleted, content, null from fhir_resource"
                + " where tenant = ? and res_type = ? and res_id = ? for update", type, tenant, type, id);
        locked.put(type + '/' + id, r);
        return r;
    }

    /**
     * Locks the current rows of many resources in one statement (a transaction Bundle's updates), in id order so
     * concurrent transactions queue instead of deadlocking; later {@link #lockCurrent} calls for them need no
     * round trip, so the Bundle's writes stay buffered and reach the database as one batch.
     */
    public void lockCurrentAll(String type, Collection<String> ids) throws SQLException {
        List<String> todo = ids.stream().filter(id -> !locked.containsKey(type + '/' + id)).distinct().sorted().toList();
        if (todo.isEmpty()) return;
        flush();
        for (StoredResource r : list("select res_id, version, last_updated, deleted, content, null from fhir_resource"
                + " where tenant = ? and res_type = ? and res_id = any(?) order by res_id for update", type, tenant, type,
                todo.toArray(String[]::new))) {
            locked.put(type + '/' + r.id(), Optional.of(r));
        }
        for (String id : todo) locked.putIfAbsent(type + '/' + id, Optional.empty());
    }

    public Optional<StoredResource> read(String type, String id) throws SQLException {
        flush();
        return one("select res_id, version, last_updated, deleted, content, null from fhir_resource"
                + " where tenant = ? and res_type = ? and res_id = ?", type, tenant, type, id);
    }

    public Optional<StoredResource> readVersion(String type, String id, long version) throws SQLException {
        flush();
        return one("select res_id, version, last_updated, method = 'DELETE', content, method from fhir_resource_version"
                + " where tenant = ? and res_type = ? and res_id = ? and version = ?", type, tenant, type, id, version);
    }

    public List<StoredResource> history(String type, String id, int offset, int count) throws SQLException {
        flush();
        return list("select res_id, version, last_updated, method = 'DELETE', content, method from fhir_resource_version"
                        + " where tenant = ? and res_type = ? and res_id = ? order by version desc limit ? offset ?",
                type, tenant, type, id, count, offset);
    }

    public int historyCount(String type, String id) throws SQLException {
        flush();
        return count("select count(*) from fhir_resource_version where tenant = ? and res_type = ? and res_id = ?",
                tenant, type, id);
    }

    public List<StoredResource> readAll(String type, Collection<String> ids) throws SQLException {
        flush();
        if (ids.isEmpty()) return List.of();
        return list("select res_id, version, last_updated, deleted, content, null from fhir_resource"
                        + " where tenant = ? and res_type = ? and res_id = any(?) and not deleted order by res_id",
                type, tenant, type, ids.toArray(String[]::new));
    }

    /**
     * Serialises writers of the same logical key (a conditional create's criteria, say) until commit, so that
     * twenty identical conditional creates at once still make one resource.
     */
    public void lockKey(String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
            ps.setInt(1, KEY_NAMESPACE);
            ps.setInt(2, keyHash(key));
            ps.execute();
        }
    }

    /** {@link #lockKey} for several keys in one round trip, taken in the order given. */
    public void lockKeys(List<String> keys) throws SQLException {
        if (keys.isEmpty()) return;
        Integer[] hashes = keys.stream().map(this::keyHash).toArray(Integer[]::new);
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?, k.h)"
                + " from unnest(?::int[]) with ordinality as k(h, n) order by k.n")) {
            ps.setInt(1, KEY_NAMESPACE);
            ps.setArray(2, c.createArrayOf("int4", hashes));
            ps.execute();
        }
    }

    private static final int KEY_NAMESPACE = 0x43424744; // namespace for the store's keys

    private int keyHash(String key) {
        CRC32 crc = new CRC32();
        crc.update((tenant + '\u0000' + key).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** Queues new versions; they reach the database in batches (see {@link #flush()}). */
    public void write(List<ResourceWrite> writes) {
        pending.addAll(writes);
        for (ResourceWrite w : writes) {
            String key = w.type() + '/' + w.id();
            if (locked.containsKey(key)) {
                locked.put(key, Optional.of(new StoredResource(w.type(), w.id(), w.version(), w.lastUpdated(),
                        w.isDelete(), w.json(), w.method())));
            }
        }
    }

    /** Sends queued writes: the current rows, the history rows and the index rows, each as one batch. */
    public void flush() throws SQLException {
        if (pending.isEmpty()) return;
        List<ResourceWrite> writes = List.copyOf(pending);
        pending.clear();
        // One resource written twice in a session: the current row must end at the last version.
        writes = writes.stream().sorted(java.util.Comparator.comparingLong(ResourceWrite::version)).toList();
        try (PreparedStatement cur = c.prepareStatement("insert into fhir_resource (tenant, res_type, res_id, version,"
                + " last_updated, deleted, content) values (?, ?, ?, ?, ?, ?, ?) on conflict (tenant, res_type, res_id)"
                + " do update set version = excluded.version, last_updated = excluded.last_updated,"
                + " deleted = excluded.deleted, content = excluded.content");
             PreparedStatement ver = c.prepareStatement("insert into fhir_resource_version (tenant, res_type, res_id,"
                     + " version, last_updated, method, content) values (?, ?, ?, ?, ?, ?, ?)")) {
            // The current row takes only the last version of each resource (one multi-row upsert may not touch a
            // row twice); the history takes every version.
            Map<String, ResourceWrite> lastOf = new LinkedHashMap<>();
            for (ResourceWrite w : writes) lastOf.put(w.type() + '/' + w.id(), w);
            for (ResourceWrite w : lastOf.values()) {
                Timestamp at = Timestamp.from(w.lastUpdated());
                cur.setString(1, tenant);
                cur.setString(2, w.type());
                cur.setString(3, w.id());
                cur.setLong(4, w.version());
                cur.setTimestamp(5, at);
                cur.setBoolean(6, w.isDelete());
                cur.setString(7, w.json());
                cur.addBatch();
            }
            for (ResourceWrite w : writes) {
                Timestamp at = Timestamp.from(w.lastUpdated());
                ver.setString(1, tenant);
                ver.setString(2, w.type());
                ver.setString(3, w.id());
                ver.setLong(4, w.version());
                ver.setTimestamp(5, at);
                ver.setString(6, w.method());
                ver.setString(7, w.json());
                ver.addBatch();
            }
            cur.executeBatch();
            ver.executeBatch();
        }
        // Index rows follow the last version written of each resource: a new resource's are inserted, a replaced
        // one's are brought in line with its last version (only the rows that differ change).
        Map<String, ResourceWrite> last = new LinkedHashMap<>();
        for (ResourceWrite w : writes) last.put(w.type() + '/' + w.id(), w);
        java.util.Set<String> replacedKeys = new java.util.HashSet<>();
        for (ResourceWrite w : writes) if (w.replaces()) replacedKeys.add(w.type() + '/' + w.id());
        List<ResourceWrite> replaced = new ArrayList<>(), added = new ArrayList<>();
        for (var e : last.entrySet()) {
            if (replacedKeys.contains(e.getKey())) replaced.add(e.getValue());
            else if (!e.getValue().isDelete()) added.add(e.getValue());
        }
        replaceIndexes(replaced);
        insertIndexes(added);
    }

    private static final String[] INDEX_TABLES = {"fhir_idx_token", "fhir_idx_ref", "fhir_idx_date"};

    /**
     * Index rows of replaced resources (deletes included: they keep none) brought in line with their last version:
     * one read of the rows they have, then only the rows that differ are deleted (by row id) and inserted, so those
     * an update leaves alone (most: a visit's check-out changes its status and period, not its people or
     * identifiers) are not written again. The resources are locked by this transaction, so their rows stay put.
     */
    private void replaceIndexes(List<ResourceWrite> replaced) throws SQLException {
        if (replaced.isEmpty()) return;
        // What each resource should have: its entries by (table, res_id, param, a, b), several if repeated.
        Map<IndexKey, java.util.ArrayDeque<Object>> wanted = new java.util.HashMap<>();
        Map<IndexKey, ResourceWrite> ownerOf = new java.util.HashMap<>();
        Map<String, List<String>> idsByType = new LinkedHashMap<>();
        for (ResourceWrite w : replaced) {
            idsByType.computeIfAbsent(w.type(), k -> new ArrayList<>()).add(w.id());
            if (w.isDelete()) continue;
            for (IndexEntries.Token t : w.index().tokens()) want(wanted, ownerOf, new IndexKey(0, w.type(), w.id(), t.param(), t.system(), t.value()), t, w);
            for (IndexEntries.Ref r : w.index().refs()) want(wanted, ownerOf, new IndexKey(1, w.type(), w.id(), r.param(), r.targetType(), r.targetId()), r, w);
            for (IndexEntries.DateRange d : w.index().dates()) want(wanted, ownerOf, new IndexKey(2, w.type(), w.id(), d.param(),
                    instant(d.low() == null ? MINUS_INFINITY : Timestamp.from(d.low())),
                    instant(d.high() == null ? PLUS_INFINITY : Timestamp.from(d.high()))), d, w);
        }
        List<List<String>> gone = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (int t = 0; t < INDEX_TABLES.length; t++) {
            String cols = switch (t) {
                case 0 -> "system, value, null::timestamptz, null::timestamptz";
                case 1 -> "target_type, target_id, null::timestamptz, null::timestamptz";
                default -> "null::text, null::text, low, high";
            };
            for (Map.Entry<String, List<String>> e : idsByType.entrySet()) {
                if (sql.length() > 0) sql.append(" union all ");
                sql.append("select ").append(t).append(", ctid::text, res_type, res_id, param, ").append(cols).append(" from ")
                        .append(INDEX_TABLES[t]).append(" where tenant = ? and res_type = ? and res_id = any(?)");
                args.add(tenant);
                args.add(e.getKey());
                args.add(e.getValue().toArray(String[]::new));
            }
        }
        try (PreparedStatement ps = prepare(sql.toString(), args.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int t = rs.getInt(1);
                String a = t == 2 ? instant(rs.getTimestamp(8)) : rs.getString(6);
                String b = t == 2 ? instant(rs.getTimestamp(9)) : rs.getString(7);
                IndexKey k = new IndexKey(t, rs.getString(3), rs.getString(4), rs.getString(5), a, b);
                java.util.ArrayDeque<Object> q = wanted.get(k);
                if (q == null || q.isEmpty()) {
                    gone.get(t).add(rs.getString(2));
                } else {
                    q.poll(); // already there: kept as it is
                }
            }
        }
        if (!gone.get(0).isEmpty() || !gone.get(1).isEmpty() || !gone.get(2).isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("with t as (delete from fhir_idx_token where tenant = ?"
                    + " and ctid = any(?::tid[])), r as (delete from fhir_idx_ref where tenant = ? and ctid = any(?::tid[]))"
                    + " delete from fhir_idx_date where tenant = ? and ctid = any(?::tid[])")) {
                for (int t = 0; t < 3; t++) {
                    ps.setString(2 * t + 1, tenant);
                    ps.setArray(2 * t + 2, c.createArrayOf("text", gone.get(t).toArray()));
                }
                ps.executeUpdate();
            }
        }
        // The rows still wanted are the new ones: inserted as for a new resource.
        Map<ResourceWrite, List<Object>> added = new LinkedHashMap<>();
        for (Map.Entry<IndexKey, java.util.ArrayDeque<Object>> e : wanted.entrySet()) {
            if (!e.getValue().isEmpty()) added.computeIfAbsent(ownerOf.get(e.getKey()), w -> new ArrayList<>()).addAll(e.getValue());
        }
        List<ResourceWrite> rows = new ArrayList<>();
        added.forEach((w, entries) -> {
            List<IndexEntries.Token> tokens = new ArrayList<>();
            List<IndexEntries.Ref> refs = new ArrayList<>();
            List<IndexEntries.DateRange> dates = new ArrayList<>();
            for (Object x : entries) {
                if (x instanceof IndexEntries.Token t) tokens.add(t);
                else if (x instanceof IndexEntries.Ref r) refs.add(r);
                else dates.add((IndexEntries.DateRange) x);
            }
            rows.add(new ResourceWrite(w.type(), w.id(), w.version(), w.lastUpdated(), w.json(),
                    new IndexEntries(tokens, refs, dates), w.method(), w.replaces()));
        });
        insertIndexes(rows);
    }

    /** One index row as compared: table (0 token, 1 ref, 2 date), owner, param and its two values. */
    private record IndexKey(int table, String type, String id, String param, String a, String b) {}

    private static void want(Map<IndexKey, java.util.ArrayDeque<Object>> wanted, Map<IndexKey, ResourceWrite> ownerOf,
                             IndexKey k, Object entry, ResourceWrite w) {
        wanted.computeIfAbsent(k, x -> new java.util.ArrayDeque<>()).add(entry);
        ownerOf.put(k, w);
    }

    /** A date bound as compared: epoch microseconds (what PostgreSQL keeps), infinities included. */
    private static String instant(Timestamp t) {
        return Long.toString(Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1000);
    }

    private void insertIndexes(List<ResourceWrite> writes) throws SQLException {
        try (PreparedStatement tok = c.prepareStatement("insert into fhir_idx_token (tenant, res_type, res_id, param,"
                + " system, value) values (?, ?, ?, ?, ?, ?)");
             PreparedStatement ref = c.prepareStatement("insert into fhir_idx_ref (tenant, res_type, res_id, param,"
                     + " target_type, target_id) values (?, ?, ?, ?, ?, ?)");
             PreparedStatement dat = c.prepareStatement("insert into fhir_idx_date (tenant, res_type, res_id, param,"
                     + " low, high) values (?, ?, ?, ?, ?, ?)")) {
            int nt = 0, nr = 0, nd = 0;
            for (ResourceWrite w : writes) {
                IndexEntries idx = w.index();
                for (IndexEntries.Token t : idx.tokens()) {
                    owner(tok, w);
                    tok.setString(4, t.param());
                    tok.setString(5, t.system());
                    tok.setString(6, t.value());
                    tok.addBatch();
                    nt++;
                }
                for (IndexEntries.Ref r : idx.refs()) {
                    owner(ref, w);
                    ref.setString(4, r.param());
                    ref.setString(5, r.targetType());
                    ref.setString(6, r.targetId());
                    ref.addBatch();
                    nr++;
                }
                for (IndexEntries.DateRange d : idx.dates()) {
                    owner(dat, w);
                    dat.setString(4, d.param());
                    dat.setTimestamp(5, d.low() == null ? MINUS_INFINITY : Timestamp.from(d.low()));
                    dat.setTimestamp(6, d.high() == null ? PLUS_INFINITY : Timestamp.from(d.high()));
                    dat.addBatch();
                    nd++;
                }
            }
            if (nt > 0) tok.executeBatch();
            if (nr > 0) ref.executeBatch();
            if (nd > 0) dat.executeBatch();
        }
    }

    private void owner(PreparedStatement ps, ResourceWrite w) throws SQLException {
        ps.setString(1, tenant);
        ps.setString(2, w.type());
        ps.setString(3, w.id());
    }

    /** Runs a search: one page of matches with the total, and the resources its _include parameters name. */
    public SearchPage search(SearchSpec spec) throws SQLException {
        flush();
        SearchSql q = SearchSql.of(tenant, spec);
        if (spec.countOnly()) {
            return new SearchPage(List.of(), count("select count(*) from fhir_resource r where " + q.where, q.args.toArray()), List.of());
        }
        Object[] whereArgs = q.args.toArray(); // before orderBy, which appends the sort's own arguments
        String order = q.orderBy(spec);
        // One row beyond the page says whether more follow; the total then needs a count of its own, but a page
        // that is also the last (a provider's few visits) knows its total without counting every match again.
        String sql = "select r.res_id, r.version, r.last_updated, r.deleted, r.content, null"
                + " from fhir_resource r where " + q.where + order + " limit ? offset ?";
        List<Object> args = new ArrayList<>(q.args);
        args.add(spec.count() + 1);
        args.add(spec.offset());
        List<StoredResource> matches = new ArrayList<>();
        try (PreparedStatement ps = prepare(sql, args.toArray())) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    matches.add(row(spec.resourceType(), rs));
                }
            }
        }
        int total;
        if (matches.size() > spec.count()) {
            matches.remove(matches.size() - 1);
            total = count("select count(*) from fhir_resource r where " + q.where, whereArgs);
        } else if (!matches.isEmpty() || spec.offset() == 0) {
            total = spec.offset() + matches.size();
        } else {
            // Past the last page: how many there are is still the total.
            total = count("select count(*) from fhir_resource r where " + q.where, whereArgs);
        }
        return new SearchPage(matches, total, includes(spec, matches));
    }

    private List<StoredResource> includes(SearchSpec spec, List<StoredResource> matches) throws SQLException {
        if (spec.includeParams().isEmpty() || matches.isEmpty()) return List.of();
        Map<String, List<String>> targets = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare("select distinct target_type, target_id from fhir_idx_ref where tenant = ?"
                        + " and res_type = ? and param = any(?) and res_id = any(?) order by target_type, target_id",
                tenant, spec.resourceType(), spec.includeParams().toArray(String[]::new),
                matches.stream().map(StoredResource::id).toArray(String[]::new))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    targets.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<StoredResource> out = new ArrayList<>();
        for (var e : targets.entrySet()) {
            out.addAll(readAll(e.getKey(), e.getValue()));
        }
        return out;
    }

    // ---- JDBC plumbing ---------------------------------------------------------------------------------------

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof String[] arr) {
                ps.setArray(i + 1, c.createArrayOf("text", arr));
            } else {
                ps.setObject(i + 1, a);
            }
        }
        return ps;
    }

    private Optional<StoredResource> one(String sql, String type, Object... args) throws SQLException {
        List<StoredResource> l = list(sql, type, args);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private List<StoredResource> list(String sql, String type, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args)) {
            try (ResultSet rs = ps.executeQuery()) {
                List<StoredResource> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row(type, rs));
                }
                return out;
            }
        }
    }

    private int count(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static StoredResource row(String type, ResultSet rs) throws SQLException {
        return new StoredResource(type, rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                rs.getBoolean(4), rs.getString(5), rs.getString(6));
    }
}
