package org.carebridge.gateway.store;

import org.carebridge.gateway.search.IndexEntries;
import org.carebridge.gateway.search.SearchParameterRegistry;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/** The store's operations inside one tenant-bound transaction. Not thread-safe; lives for one unit of work. */
public final class StoreSession {

    private final Connection c;
    private final String tenant;
    /**
     * Every writer's resources fill the index tables: a generic plan made while they were small reads them whole
     * (seen: the index rows of 40 visits read in 0.1-0.7 s each after a 20,000-Appointment ingest), so their
     * statistics are refreshed as they grow, whichever writer fills them.
     */
    private final GrowthStatistics indexStatistics;
    /** Writes are buffered and sent in batches: before any read of this session, and before commit. */
    private final List<ResourceWrite> pending = new ArrayList<>();
    /** Rows this transaction holds locked, as they stand after its own writes (empty: no such resource yet). */
    private final Map<String, Optional<StoredResource>> locked = new java.util.HashMap<>();

    /** What modules noted during this transaction (e.g. a Bundle-wide lookup made before its entries), by key. */
    private final Map<Class<?>, Object> notes = new java.util.HashMap<>();
    private final Map<String, Integer> writtenTypes = new java.util.HashMap<>();

    private final StatisticsRefresher refresher;

    private final UnseenTypes unseenTypes;
    /** Tables whose statistics this transaction made due: refreshed once it has ended. */
    private final java.util.Set<String> refreshes = new java.util.LinkedHashSet<>();

    StoreSession(Connection c, String tenant, GrowthStatistics indexStatistics, UnseenTypes unseenTypes,
                 StatisticsRefresher refresher) {
        this.c = c;
        this.tenant = tenant;
        this.indexStatistics = indexStatistics;
        this.unseenTypes = unseenTypes;
        this.refresher = refresher;
    }

    /**
     * Has a table's planner statistics refreshed once this transaction has ended, on another connection (see
     * {@link StatisticsRefresher}): after the commit, so the refresh sees the rows that made it due (after a
     * rollback too: the counts that made it due are spent, and analysing is harmless).
     */
    void refreshStatistics(String table) {
        refreshes.add(table);
    }

    /** How many refreshes of this table have run to their end so far (see {@link StatisticsRefresher#ended}). */
    long refreshesEnded(String table) {
        return refresher.ended(table);
    }

    /** Called by the store once the transaction has committed or rolled back. */
    void ended() {
        refreshes.forEach(refresher::refresh);
    }

    public String tenant() {
        return tenant;
    }

    /** Keeps a note for the rest of this transaction, one per key type (a later note replaces it). */
    public <T> void note(Class<T> key, T value) {
        notes.put(key, value);
    }

    /** The note kept under this key in this transaction, or null. */
    public <T> T note(Class<T> key) {
        return key.cast(notes.get(key));
    }

    /**
     * The JDBC connection of this transaction, for modules that keep their own tables (audit, outbox...).
     * Buffered resource writes are flushed first, so what they see includes this session's writes.
     */
    public Connection connection() throws SQLException {
        flush();
        return c;
    }

    /**
     * The same connection without flushing: only for statements on a module's own tables that this session's
     * buffered resource writes cannot change (they touch {@code fhir_resource*} and the index tables alone). Lets a
     * per-entry lookup of a transaction Bundle leave the Bundle's writes buffered, to reach PostgreSQL as one batch.
     */
    public Connection connectionUnflushed() {
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
        // One primary-key probe per id (lateral), in the ids' sorted order (locks taken in that order). Both earlier
        // forms, "res_id = any(?)" (15 ms per Bundle of 100 new Appointments) and a plain join to the ids (0.5 s),
        // ran generic plans made while fhir_resource held the demo data alone; the probe is the cheapest form once
        // the table's statistics follow its growth, which V9's refresh (GrowthStatistics "fhir_idx") sees to.
        for (StoredResource r : list("select r.res_id, r.version, r.last_updated, r.deleted, r.content, null"
                + " from unnest(?::text[]) with ordinality as k(id, n) cross join lateral (select res_id, version,"
                + " last_updated, deleted, content from fhir_resource where tenant = ? and res_type = ? and res_id = k.id"
                + " for update) r order by k.n", type, todo.toArray(String[]::new), tenant, type)) {
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
        return readAll(type, ids, null);
    }

    /** {@link #readAll(String, Collection)} with the {@code refs} targets of each row (null: none). */
    public List<StoredResource> readAll(String type, Collection<String> ids, StoredResource.RefTargets refs)
            throws SQLException {
        flush();
        if (ids.isEmpty()) return List.of();
        List<Object> args = new ArrayList<>(refArgs(refs));
        args.addAll(List.of(ids.toArray(String[]::new), tenant, type));
        // One primary-key probe per id, as in lockCurrentAll (distinct: an id asked twice is one row).
        try (PreparedStatement ps = prepare("select r.res_id, r.version, r.last_updated, r.deleted, r.content, null"
                + refColumn(refs) + " from (select distinct id from unnest(?::text[]) as u(id)) as k cross join lateral"
                + " (select * from fhir_resource f where f.tenant = ? and f.res_type = ? and f.res_id = k.id) r"
                + " where not r.deleted order by r.res_id", args.toArray());
             ResultSet rs = ps.executeQuery()) {
            List<StoredResource> out = new ArrayList<>();
            while (rs.next()) out.add(row(type, rs, refs != null));
            return out;
        }
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

    /**
     * Versions of this type written in this transaction so far: something kept from an earlier read in it (a
     * {@link #note}) compares the count to know whether that read may be stale.
     */
    public int writesOf(String type) {
        return writtenTypes.getOrDefault(type, 0);
    }

    /** Queues new versions; they reach the database in batches (see {@link #flush()}). */
    public void write(List<ResourceWrite> writes) {
        pending.addAll(writes);
        for (ResourceWrite w : writes) {
            writtenTypes.merge(w.type(), 1, Integer::sum);
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
                OffsetDateTime at = utc(w.lastUpdated());
                cur.setString(1, tenant);
                cur.setString(2, w.type());
                cur.setString(3, w.id());
                cur.setLong(4, w.version());
                cur.setObject(5, at);
                cur.setBoolean(6, w.isDelete());
                cur.setString(7, w.json());
                cur.addBatch();
            }
            for (ResourceWrite w : writes) {
                OffsetDateTime at = utc(w.lastUpdated());
                ver.setString(1, tenant);
                ver.setString(2, w.type());
                ver.setString(3, w.id());
                ver.setLong(4, w.version());
                ver.setObject(5, at);
                ver.setString(6, w.method());
                ver.setString(7, w.json());
                ver.addBatch();
            }
            cur.executeBatch();
            ver.executeBatch();
        }
        // Index rows follow the last version written of each resource.
        Map<String, ResourceWrite> last = new LinkedHashMap<>();
        for (ResourceWrite w : writes) last.put(w.type() + '/' + w.id(), w);
        Map<String, List<ResourceWrite>> byType = new LinkedHashMap<>();
        for (ResourceWrite w : last.values()) byType.computeIfAbsent(w.type(), k -> new ArrayList<>()).add(w);
        for (Map.Entry<String, List<ResourceWrite>> e : byType.entrySet()) {
            for (IndexTable t : IndexTable.values()) syncIndex(t, e.getKey(), e.getValue());
        }
        indexStatistics.written(this, last.size());
        unseenTypes.written(this, last.values());
    }

    // Bound as java.time values: the driver formats them directly, where a Timestamp goes through a Calendar
    // (5 % of an ingest's CPU).
    private static OffsetDateTime utc(java.time.Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** An index table and its value columns (after tenant, res_type, res_id and param). */
    private enum IndexTable {
        TOKEN("fhir_idx_token", new String[]{"system", "value"}, new boolean[]{false, false}),
        // low/high: the resource's date on rows of a dated reference (SearchParameterRegistry.datedBy), else null.
        REF("fhir_idx_ref", new String[]{"target_type", "target_id", "low", "high"}, new boolean[]{false, false, true, true}),
        DATE("fhir_idx_date", new String[]{"low", "high"}, new boolean[]{true, true});

        /** Which value columns are timestamptz (the rest are text). */
        final boolean[] dated;
        /** The current rows of some resources of a type, each with its row id. */
        final String read;
        final String delete;
        final String insert;

        IndexTable(String table, String[] columns, boolean[] dated) {
            this.dated = dated;
            StringBuilder cols = new StringBuilder(), selected = new StringBuilder(), arrays = new StringBuilder();
            for (int i = 0; i < columns.length; i++) {
                cols.append(", ").append(columns[i]);
                selected.append(", x.").append(columns[i]);
                arrays.append(", ?::").append(dated[i] ? "timestamptz" : "text").append("[]");
            }
            // Joined to the ids rather than "res_id = any(?)": under a generic plan made while the table was small,
            // the latter became a sequential scan testing every row against the whole array.
            this.read = "select x.ctid::text, x.res_id, x.param" + selected + " from unnest(?::text[]) as k(id)"
                    + " join " + table + " x on x.tenant = ? and x.res_type = ? and x.res_id = k.id";
            this.delete = "delete from " + table + " where tenant = ? and ctid = any(?::tid[])";
            // Dates are sent as ISO text (open ends as -infinity / infinity) and cast here.
            this.insert = "insert into " + table + " (tenant, res_type, res_id, param" + cols + ") select ?, ?, u.*"
                    + " from unnest(?::text[], ?::text[]" + arrays + ") u";
        }

        int valueCount() {
            return dated.length;
        }
    }

    /**
     * Makes the index rows of these resources (one type, each its last version in this flush) in one table those of
     * their new versions (none for a delete), as a multiset: rows kept are left alone, only the rows that differ are
     * deleted (by row id) and inserted, so an update changing two of ten values writes four rows instead of twenty.
     */
    private void syncIndex(IndexTable table, String type, List<ResourceWrite> writes) throws SQLException {
        Map<List<Object>, Integer> wanted = new java.util.HashMap<>();
        List<String> replaced = new ArrayList<>();
        for (ResourceWrite w : writes) {
            if (w.replaces()) replaced.add(w.id());
            if (w.isDelete()) continue;
            for (Object[] row : rows(table, type, w.index())) {
                Object[] key = new Object[row.length + 1];
                key[0] = w.id();
                System.arraycopy(row, 0, key, 1, row.length);
                wanted.merge(java.util.Arrays.asList(key), 1, Integer::sum);
            }
        }
        List<String> gone = new ArrayList<>();
        if (!replaced.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(table.read)) {
                ps.setArray(1, c.createArrayOf("text", replaced.toArray()));
                ps.setString(2, tenant);
                ps.setString(3, type);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] key = new Object[table.valueCount() + 2];
                        key[0] = rs.getString(2);
                        key[1] = rs.getString(3);
                        for (int i = 0; i < table.valueCount(); i++) key[2 + i] = stored(table, rs, i);
                        List<Object> k = java.util.Arrays.asList(key);
                        Integer n = wanted.get(k);
                        if (n == null) {
                            gone.add(rs.getString(1));
                        } else if (n == 1) {
                            wanted.remove(k); // already there: kept as it is
                        } else {
                            wanted.put(k, n - 1);
                        }
                    }
                }
            }
        }
        if (!gone.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(table.delete)) {
                ps.setString(1, tenant);
                ps.setArray(2, c.createArrayOf("text", gone.toArray()));
                ps.executeUpdate();
            }
        }
        if (wanted.isEmpty()) return;
        int width = table.valueCount() + 2; // res_id, param, values
        List<List<Object>> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) columns.add(new ArrayList<>());
        for (Map.Entry<List<Object>, Integer> e : wanted.entrySet()) {
            for (int n = 0; n < e.getValue(); n++) {
                for (int i = 0; i < width; i++) columns.get(i).add(e.getKey().get(i));
            }
        }
        try (PreparedStatement ps = c.prepareStatement(table.insert)) {
            ps.setString(1, tenant);
            ps.setString(2, type);
            for (int i = 0; i < width; i++) ps.setArray(3 + i, c.createArrayOf("text", columns.get(i).toArray()));
            ps.executeUpdate();
        }
    }

    /** Value column {@code i} of a stored row (columns from 4) in the form {@link #rows} gives it. */
    private static Object stored(IndexTable table, ResultSet rs, int i) throws SQLException {
        int column = 4 + i;
        if (!table.dated[i]) return rs.getString(column);
        Timestamp t = rs.getTimestamp(column);
        if (t == null) return null;
        if (t.getTime() == org.postgresql.PGStatement.DATE_NEGATIVE_INFINITY) return "-infinity";
        if (t.getTime() == org.postgresql.PGStatement.DATE_POSITIVE_INFINITY) return "infinity";
        return t.toInstant().toString();
    }

    /** A resource's entries for one table as (param, values...): dates as ISO text, open ends as ±infinity. */
    private static List<Object[]> rows(IndexTable table, String type, IndexEntries idx) {
        List<Object[]> out = new ArrayList<>();
        switch (table) {
            case TOKEN -> idx.tokens().forEach(t -> out.add(new Object[]{t.param(), t.system(), t.value()}));
            case REF -> idx.refs().forEach(r -> {
                IndexEntries.DateRange d = SearchParameterRegistry.datedRange(type, r.param(), idx);
                out.add(new Object[]{r.param(), r.targetType(), r.targetId(),
                        d == null ? null : lowText(d), d == null ? null : highText(d)});
            });
            case DATE -> idx.dates().forEach(d -> out.add(new Object[]{d.param(), lowText(d), highText(d)}));
        }
        return out;
    }

    private static String lowText(IndexEntries.DateRange d) {
        return d.low() == null ? "-infinity" : d.low().toString();
    }

    private static String highText(IndexEntries.DateRange d) {
        return d.high() == null ? "infinity" : d.high().toString();
    }

    /**
     * Makes a resource's index rows those of {@code index} without writing a version (visibility checks of an older
     * version swap its rows in under a savepoint), through the same multiset sync as a write.
     */
    public void replaceIndexRows(String type, String id, IndexEntries index) throws SQLException {
        flush();
        List<ResourceWrite> w = List.of(new ResourceWrite(type, id, 0, null, "", index, "PUT", true));
        for (IndexTable t : IndexTable.values()) syncIndex(t, type, w);
    }

    /** Runs a search: one page of matches with the total, and the resources its _include parameters name. */
    public SearchPage search(SearchSpec spec) throws SQLException {
        return search(spec, null);
    }

    /**
     * {@link #search(SearchSpec)} for a response: each match and include also carries the {@code refs} targets of its
     * index rows (null: none asked), read in the same statement as the row, so it is consistent with its content.
     */
    public SearchPage search(SearchSpec spec, StoredResource.RefTargets refs) throws SQLException {
        flush();
        SearchSql q = SearchSql.of(tenant, spec);
        if (spec.countOnly()) {
            return new SearchPage(List.of(), count("select count(*) from " + q.from(), q.args.toArray()), List.of());
        }
        Object[] whereArgs = q.args.toArray(); // before orderBy, which appends the sort's own arguments
        String order = q.orderBy(spec);
        // One row beyond the page says whether more follow; the total then needs a count of its own, but a page
        // that is also the last (a provider's few visits) knows its total without counting every match again.
        String sql = "select r.res_id, r.version, r.last_updated, r.deleted, r.content, null" + refColumn(refs)
                + " from " + q.from() + order + " limit ? offset ?";
        List<Object> args = new ArrayList<>(refArgs(refs));
        args.addAll(q.args);
        args.add(spec.count() + 1);
        args.add(spec.offset());
        List<StoredResource> matches = new ArrayList<>();
        try (PreparedStatement ps = prepare(sql, args.toArray())) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    matches.add(row(spec.resourceType(), rs, refs != null));
                }
            }
        }
        int total;
        if (matches.size() > spec.count()) {
            matches.remove(matches.size() - 1);
            total = count("select count(*) from " + q.from(), whereArgs);
        } else if (!matches.isEmpty() || spec.offset() == 0) {
            total = spec.offset() + matches.size();
        } else {
            // Past the last page: how many there are is still the total.
            total = count("select count(*) from " + q.from(), whereArgs);
        }
        return new SearchPage(matches, total, includes(spec, matches, refs));
    }

    /**
     * The current row of a resource for a response, deleted or not, if it passes every restriction (the caller's
     * visibility, checked in the same statement as the read); with the {@code refs} targets of its index rows.
     */
    public Optional<StoredResource> readRestricted(String type, String id, List<SearchSpec.Restriction> restrictions,
                                                   StoredResource.RefTargets refs) throws SQLException {
        flush();
        StringBuilder sql = new StringBuilder("select r.res_id, r.version, r.last_updated, r.deleted, r.content, null")
                .append(refColumn(refs)).append(" from fhir_resource r where r.tenant = ? and r.res_type = ? and r.res_id = ?");
        List<Object> args = new ArrayList<>(refArgs(refs));
        args.addAll(List.of(tenant, type, id));
        for (SearchSpec.Restriction r : restrictions) {
            sql.append(" and (").append(r.sql()).append(')');
            args.addAll(r.args());
        }
        try (PreparedStatement ps = prepare(sql.toString(), args.toArray()); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row(type, rs, refs != null)) : Optional.empty();
        }
    }

    /** The select-list column of {@link StoredResource#refTargets}: a probe of the row's own index rows. */
    private static String refColumn(StoredResource.RefTargets refs) {
        return refs == null ? "" : ", array(select x.target_id from fhir_idx_ref x where x.tenant = r.tenant"
                + " and x.res_type = r.res_type and x.res_id = r.res_id and x.param = any(?) and x.target_type = ?"
                + " order by x.target_id)";
    }

    private static List<Object> refArgs(StoredResource.RefTargets refs) {
        return refs == null ? List.of() : List.of(refs.params().toArray(String[]::new), refs.targetType());
    }

    private List<StoredResource> includes(SearchSpec spec, List<StoredResource> matches, StoredResource.RefTargets refs)
            throws SQLException {
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
            out.addAll(readAll(e.getKey(), e.getValue(), refs));
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
        return row(type, rs, false);
    }

    private static StoredResource row(String type, ResultSet rs, boolean withRefs) throws SQLException {
        List<String> refs = null;
        if (withRefs) {
            java.sql.Array a = rs.getArray(7);
            refs = a == null ? List.of() : List.of((String[]) a.getArray());
        }
        // As java.time: the driver's Timestamp path goes through a Calendar per value (as for the writes' binds).
        return new StoredResource(type, rs.getString(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getBoolean(4), rs.getString(5), rs.getString(6), refs);
    }
}
