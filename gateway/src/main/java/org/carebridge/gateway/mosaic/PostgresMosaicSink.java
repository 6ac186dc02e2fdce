package org.carebridge.gateway.mosaic;

import ca.uhn.fhir.context.FhirContext;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.fhir.WriteListener;
import org.carebridge.gateway.outbox.OutboxEvent;
import org.carebridge.gateway.outbox.OutboxWriter;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.gateway.store.ResourceWrite;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.mappings.mosaic.AccessArrangement;
import org.carebridge.mappings.mosaic.MappedPerson;
import org.carebridge.mappings.mosaic.MosaicCodes;
import org.carebridge.mappings.mosaic.MosaicIds;
import org.carebridge.mappings.mosaic.MosaicSystems;
import org.carebridge.mappings.mosaic.OrderStatus;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.plan.AppliedExtract;
import org.carebridge.mappings.mosaic.plan.EndPlan;
import org.carebridge.mappings.mosaic.plan.ExtractReport;
import org.carebridge.profiles.Canonical;
import org.carebridge.routes.mosaic.MosaicExtractProcessor;
import org.carebridge.routes.mosaic.MosaicExtractSink;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The gateway's store for Mosaic extracts. People are applied in groups, one transaction per group with every write
 * of the group in one JDBC batch; if the group fails, each of its people is applied again alone, so one bad person
 * never takes another's changes with it and each person stays all-or-nothing. A resource whose content is what the
 * last extract wrote (same hash, still the current version) gets no new version. Write listeners (access grants)
 * run for every write, and each changed order appends an outbox event for the providers concerned, all in the same
 * transaction as the change.
 */
@Singleton
public class PostgresMosaicSink implements MosaicExtractSink {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMosaicSink.class);
    private static final Pattern REFERENCE = Pattern.compile("Organization/[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");
    public static final String ORDER_NEW = "order-new";
    public static final String ORDER_ENDED = "order-ended";

    private final ResourceStore store;
    private final ResourceRepository repository;
    private final OutboxWriter outbox;
    private final FhirContext fhir;
    private final Path heldDir;
    private final ThreadLocal<Mac> accessMac;
    private final SharedEncodings shared = new SharedEncodings(4096);

    public PostgresMosaicSink(ResourceStore store, ResourceRepository repository, OutboxWriter outbox,
                              FhirContext fhir, MosaicSettings settings, MosaicKey key) {
        this.store = store;
        this.repository = repository;
        this.outbox = outbox;
        this.fhir = fhir;
        this.heldDir = Path.of(settings.dataDir(), "held");
        byte[] k = key.bytes();
        this.accessMac = ThreadLocal.withInitial(() -> MosaicIds.hmac(k));
    }

    // ---- people ------------------------------------------------------------------------------------------------

    @Override
    public void applyPerson(ExtractHeader header, MappedPerson person) {
        RuntimeException failure = applyPersons(header, List.of(person)).get(0);
        if (failure != null) throw failure;
    }

    /** A person's resources encoded as mapped (no version, no lastUpdated): JSON and its hash, in resource order. */
    private record Encoded(List<String> json, List<byte[]> hashes) {
    }

    /** Encodings made by {@link #prepare} on the reading thread, taken by the apply of the same people. */
    private final Map<MappedPerson, Encoded> prepared = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    /** Encodes the group's resources ahead, on the reading thread, while the writer applies the group before. */
    @Override
    public void prepare(List<MappedPerson> persons) {
        // Only ever a head start: encodings of groups never applied (a file stopped early) must not pile up.
        if (prepared.size() > 10_000) prepared.clear();
        for (MappedPerson p : persons) {
            try {
                prepared.put(p, encode(p));
            } catch (RuntimeException e) {
                // Left to the apply, which encodes it again and rejects only this person, as without a head start.
            }
        }
    }

    /**
     * Every resource of the person encoded as mapped, before any gets its version (a reference to a versioned
     * resource would encode otherwise), so that the hash depends on the content only.
     */
    private Encoded encode(MappedPerson p) {
        String tenant = p.tenant();
        List<Resource> resources = p.resources();
        List<byte[]> hashes = new ArrayList<>(resources.size());
        List<String> json = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            // As mapped, even when a failed attempt of this group already stamped a version on it.
            r.getMeta().setVersionId(null);
            r.getMeta().setLastUpdated(null);
            SharedEncodings.Encoded known = shared.get(tenant, r);
            if (known != null) {
                json.add(known.json());
                hashes.add(known.hash());
                continue;
            }
            String encoded = repository.encode(r);
            byte[] hash = sha256(encoded);
            shared.put(tenant, r, encoded, hash);
            json.add(encoded);
            hashes.add(hash);
        }
        return new Encoded(json, hashes);
    }

    @Override
    public List<RuntimeException> applyPersons(ExtractHeader header, List<MappedPerson> persons) {
        List<RuntimeException> results = new ArrayList<>(persons.size());
        if (persons.isEmpty()) return results;
        String tenant = persons.get(0).tenant();
        Map<MappedPerson, Encoded> encodings = new java.util.IdentityHashMap<>();
        for (MappedPerson p : persons) {
            Encoded e = prepared.remove(p);
            encodings.put(p, e != null ? e : encode(p));
        }
        try {
            store.inTenant(tenant, s -> {
                apply(s, persons, encodings);
                return null;
            });
            persons.forEach(p -> results.add(null));
            return results;
        } catch (RuntimeException e) {
            if (persons.size() == 1) return List.of(e);
            LOG.info("Mosaic group of {} people failed ({}); applying them one by one", persons.size(),
                    e instanceof ResourceStore.StoreException se ? "SQLState " + se.sqlState() : e.getClass().getSimpleName());
        }
        for (MappedPerson p : persons) {
            try {
                store.inTenant(tenant, s -> {
                    apply(s, List.of(p), encodings);
                    return null;
                });
                results.add(null);
            } catch (RuntimeException e) {
                results.add(e);
            }
        }
        return results;
    }

    /** What the store holds for one resource, as far as this transaction knows. */
    private static final class Current {
        long version;
        boolean deleted;
        long hashVersion = -1;
        byte[] hash;
        /** For orders: the stored resource (parsed lazily), or the one this transaction wrote. */
        String json;
        ServiceRequest order;
    }

    /** A write queued in this transaction, with what the listeners and events need. */
    private record Written(String interaction, String type, String id, Resource resource, String personRef,
                           ServiceRequest before, String json) {
    }

    private void apply(StoreSession s, List<MappedPerson> persons, Map<MappedPerson, Encoded> encodings)
            throws SQLException {
        String tenant = s.tenant();
        // Everything the group may touch: its resources, and the person-level ones it may withdraw.
        Map<String, String[]> keys = new LinkedHashMap<>();
        List<List<String[]>> withdrawables = new ArrayList<>(persons.size());
        for (MappedPerson p : persons) {
            for (Resource r : p.resources()) key(keys, r.fhirType(), r.getIdElement().getIdPart());
            List<String[]> w = withdrawable(tenant, p.personId());
            withdrawables.add(w);
            for (String[] k : w) key(keys, k[0], k[1]);
        }
        Map<String, Current> current = lockAndRead(s, keys.values());

        List<ResourceWrite> writes = new ArrayList<>();
        List<Written> written = new ArrayList<>();
        Map<String, Object[]> hashes = new LinkedHashMap<>();
        Map<String, Integer> queued = new HashMap<>();
        List<String[]> hashGone = new ArrayList<>();
        List<AccessArrangement> access = new ArrayList<>();
        List<String> accessGone = new ArrayList<>();
        for (int pi = 0; pi < persons.size(); pi++) {
            MappedPerson p = persons.get(pi);
            String patientId = p.patient().getIdElement().getIdPart();
            Set<String> present = new LinkedHashSet<>();
            List<Resource> resources = p.resources();
            List<byte[]> contentHashes = encodings.get(p).hashes();
            List<String> encoded = encodings.get(p).json();
            for (int ri = 0; ri < resources.size(); ri++) {
                Resource r = resources.get(ri);
                String type = r.fhirType();
                String id = r.getIdElement().getIdPart();
                present.add(type + '/' + id);
                byte[] hash = contentHashes.get(ri);
                Current c = current.get(type + '/' + id);
                if (c != null && !c.deleted && c.hashVersion == c.version && Arrays.equals(c.hash, hash)) {
                    continue; // unchanged: no new version
                }
                Integer earlier = queued.get(type + '/' + id);
                if (earlier != null) {
                    // Already written in this transaction (a provider or care manager shared by two people of the
                    // group, differing): the later content replaces the queued version instead of adding one.
                    ResourceWrite w = repository.newVersion(r, id, c.version, writes.get(earlier).replaces(),
                            encoded.get(ri));
                    writes.set(earlier, w);
                    Written prev = written.get(earlier);
                    written.set(earlier, new Written(prev.interaction(), type, id, r, prev.personRef(), prev.before(),
                            w.json()));
                    hashes.put(type + '/' + id, new Object[]{type, id, c.version, hash});
                    c.hash = hash;
                    c.json = w.json();
                    c.order = r instanceof ServiceRequest sr ? sr : null;
                    continue;
                }
                ServiceRequest before = r instanceof ServiceRequest && c != null && !c.deleted ? order(c) : null;
                long version = c == null ? 1 : c.version + 1;
                ResourceWrite w = repository.newVersion(r, id, version, c != null, encoded.get(ri));
                queued.put(type + '/' + id, writes.size());
                writes.add(w);
                written.add(new Written(c == null || c.deleted ? "create" : "update", type, id, r, patientId, before,
                        w.json()));
                hashes.put(type + '/' + id, new Object[]{type, id, version, hash});
                if (c == null) {
                    c = new Current();
                    current.put(type + '/' + id, c);
                }
                c.version = version;
                c.deleted = false;
                c.hashVersion = version;
                c.hash = hash;
                c.json = w.json();
                c.order = r instanceof ServiceRequest sr ? sr : null;
            }
            // Person-level resources the person no longer carries are withdrawn.
            for (String[] k : withdrawables.get(pi)) {
                Current c = current.get(k[0] + '/' + k[1]);
                if (present.contains(k[0] + '/' + k[1]) || c == null || c.deleted) continue;
                c.version++;
                c.deleted = true;
                writes.add(repository.deleteVersion(k[0], k[1], c.version));
                written.add(new Written("delete", k[0], k[1], null, patientId, null, null));
                hashGone.add(k);
            }
            if (p.accessArrangement().isPresent()) {
                access.add(p.accessArrangement().get());
            } else {
                accessGone.add(MosaicIds.accessReference(accessMac.get(), tenant, p.personId()));
            }
        }
        s.write(writes);
        s.flush();
        listeners(s, written);
        Connection c = s.connection();
        saveHashes(c, tenant, hashes.values());
        deleteHashes(c, tenant, hashGone);
        saveAccess(c, tenant, access);
        deleteAccess(c, tenant, accessGone);
        List<OutboxEvent> events = new ArrayList<>();
        for (Written w : written) {
            if (w.resource() instanceof ServiceRequest sr) event(events, w.personRef(), sr, w.before(), w.json());
        }
        outbox.appendAll(s, events);
    }

    /** The write listeners for the transaction's writes, told all at once so they can batch. */
    private void listeners(StoreSession s, List<Written> written) throws SQLException {
        repository.written(s, written.stream()
                .map(w -> new WriteListener.Write(w.interaction(), w.type(), w.id(), w.resource())).toList());
    }

    /** Flag and Consents a person may carry (their ids are deterministic), so one no longer carried is found. */
    private static List<String[]> withdrawable(String tenant, String personId) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[]{"Flag", MosaicIds.resourceId(tenant, "Flag", personId, "restricted")});
        for (String scope : MosaicCodes.OBJECTION_SCOPES.keySet()) {
            out.add(new String[]{"Consent", MosaicIds.resourceId(tenant, "Consent", personId, scope)});
        }
        return out;
    }

    private static void key(Map<String, String[]> keys, String type, String id) {
        keys.putIfAbsent(type + '/' + id, new String[]{type, id});
    }

    /** The current rows of the given resources, locked until commit, with the hash the last extract left. */
    private Map<String, Current> lockAndRead(StoreSession s, Collection<String[]> keys) throws SQLException {
        Connection c = s.connection();
        String[] types = keys.stream().map(k -> k[0]).toArray(String[]::new);
        String[] ids = keys.stream().map(k -> k[1]).toArray(String[]::new);
        Map<String, Current> out = new HashMap<>();
        // Per type, its ids in one primary-key probe each. The type is written into the statement: bound as a
        // parameter (or joined from a key list) the planner guessed one row per (tenant, type), took the smaller
        // last_updated index, and filtered all of the tenant's rows of the type for every key: each group slower
        // than the one before. With the type known and the ids in one array this is one index pass per type and
        // group, not one per key (measured: about 50 ms for a group of 200 at 1,000 people; docs/mosaic-extract.md).
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (String[] k : keys) byType.computeIfAbsent(k[0], t -> new ArrayList<>()).add(k[1]);
        StringBuilder sql = new StringBuilder();
        for (String type : byType.keySet()) {
            if (!RESOURCE_TYPE.matcher(type).matches()) throw new IllegalArgumentException("not a resource type");
            if (!sql.isEmpty()) sql.append(" union all ");
            sql.append("select * from (select res_type, res_id, version, deleted, ")
                    .append("ServiceRequest".equals(type) ? "content::text" : "null::text")
                    .append(" from fhir_resource where tenant = ? and res_type = '").append(type)
                    .append("' and res_id = any(?) for update) as \"").append(type).append('"');
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int n = 1;
            for (List<String> typeIds : byType.values()) {
                ps.setString(n++, s.tenant());
                ps.setArray(n++, c.createArrayOf("text", typeIds.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Current cur = new Current();
                    cur.version = rs.getLong(3);
                    cur.deleted = rs.getBoolean(4);
                    cur.json = rs.getString(5);
                    out.put(rs.getString(1) + '/' + rs.getString(2), cur);
                }
            }
        }
        if (out.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("select h.res_type, h.res_id, h.version, h.hash"
                + " from unnest(?::text[], ?::text[]) as k(t, i)"
                + " cross join lateral (select * from mosaic_resource_hash m where m.tenant = ? and m.res_type = k.t"
                + "  and m.res_id = k.i offset 0) h")) {
            ps.setArray(1, c.createArrayOf("text", types));
            ps.setArray(2, c.createArrayOf("text", ids));
            ps.setString(3, s.tenant());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Current cur = out.get(rs.getString(1) + '/' + rs.getString(2));
                    if (cur != null) {
                        cur.hashVersion = rs.getLong(3);
                        cur.hash = rs.getBytes(4);
                    }
                }
            }
        }
        return out;
    }

    private ServiceRequest order(Current c) {
        if (c.order == null && c.json != null) {
            c.order = fhir.newJsonParser().parseResource(ServiceRequest.class, c.json);
        }
        return c.order;
    }

    private static void saveHashes(Connection c, String tenant, Collection<Object[]> hashes) throws SQLException {
        if (hashes.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("insert into mosaic_resource_hash (tenant, res_type, res_id,"
                + " version, hash) values (?, ?, ?, ?, ?) on conflict (tenant, res_type, res_id) do update set"
                + " version = excluded.version, hash = excluded.hash")) {
            for (Object[] h : hashes) {
                ps.setString(1, tenant);
                ps.setString(2, (String) h[0]);
                ps.setString(3, (String) h[1]);
                ps.setLong(4, (Long) h[2]);
                ps.setBytes(5, (byte[]) h[3]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void deleteHashes(Connection c, String tenant, List<String[]> keys) throws SQLException {
        if (keys.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("delete from mosaic_resource_hash where tenant = ?"
                + " and res_type = ? and res_id = ?")) {
            for (String[] k : keys) {
                ps.setString(1, tenant);
                ps.setString(2, k[0]);
                ps.setString(3, k[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void saveAccess(Connection c, String tenant, List<AccessArrangement> access) throws SQLException {
        if (access.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("insert into mosaic_access_arrangement (tenant, reference,"
                + " key_safe_code, entry_code, instructions) values (?, ?, ?, ?, ?) on conflict (tenant, reference)"
                + " do update set key_safe_code = excluded.key_safe_code, entry_code = excluded.entry_code,"
                + " instructions = excluded.instructions, updated_at = now()"
                + " where (mosaic_access_arrangement.key_safe_code, mosaic_access_arrangement.entry_code,"
                + " mosaic_access_arrangement.instructions) is distinct from"
                + " (excluded.key_safe_code, excluded.entry_code, excluded.instructions)")) {
            for (AccessArrangement a : access) {
                ps.setString(1, tenant);
                ps.setString(2, a.reference());
                ps.setString(3, a.keySafeCode());
                ps.setString(4, a.entryCode());
                ps.setString(5, a.instructions());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void deleteAccess(Connection c, String tenant, List<String> references) throws SQLException {
        if (references.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("delete from mosaic_access_arrangement where tenant = ?"
                + " and reference = any(?)")) {
            ps.setString(1, tenant);
            ps.setArray(2, c.createArrayOf("text", references.toArray()));
            ps.executeUpdate();
        }
    }

    // ---- events ------------------------------------------------------------------------------------------------

    /**
     * One event per applied change to an order, for the providers it concerns: the one it is with now and, when it
     * moved, the one it was with. The payload is the order as stored (ids and codes, the access reference only).
     */
    private static void event(List<OutboxEvent> out, String patientId, ServiceRequest now, ServiceRequest before,
                              String json) {
        Set<String> recipients = new LinkedHashSet<>();
        performers(now, recipients);
        if (before != null) performers(before, recipients);
        if (recipients.isEmpty()) return;
        out.add(new OutboxEvent(patientId, kind(now, before), "ServiceRequest",
                now.getIdElement().getIdPart(), List.copyOf(recipients), json));
    }

    private static void performers(ServiceRequest sr, Set<String> out) {
        for (Reference r : sr.getPerformer()) {
            String ref = "Organization/" + r.getReferenceElement().getIdPart();
            if ("Organization".equals(r.getReferenceElement().getResourceType()) && REFERENCE.matcher(ref).matches()) {
                out.add(ref);
            }
        }
    }

    static String kind(ServiceRequest now, ServiceRequest before) {
        if (before == null) return ORDER_NEW;
        ServiceRequestStatus status = now.getStatus();
        if (status == before.getStatus()) return OutboxEvent.ORDER_CHANGED;
        return switch (status == null ? ServiceRequestStatus.NULL : status) {
            case ONHOLD -> OutboxEvent.SUSPENSION;
            case REVOKED -> OutboxEvent.ORDER_CANCELLED;
            case COMPLETED -> ORDER_ENDED;
            default -> OutboxEvent.ORDER_CHANGED;
        };
    }

    // ---- full extracts -----------------------------------------------------------------------------------------

    @Override
    public void endOrders(ExtractHeader header, Set<String> orderNumbers) {
        String tenant = header.council.trim();
        String endDate = OffsetDateTime.parse(header.extractTime.trim()).toLocalDate().toString();
        store.inTenant(tenant, s -> {
            Map<String, String[]> keys = new LinkedHashMap<>();
            for (String n : orderNumbers) key(keys, "ServiceRequest", MosaicIds.resourceId(tenant, "ServiceRequest", n));
            Map<String, Current> current = lockAndRead(s, keys.values());
            List<ResourceWrite> writes = new ArrayList<>();
            List<Written> written = new ArrayList<>();
            for (String[] k : keys.values()) {
                Current c = current.get(k[0] + '/' + k[1]);
                if (c == null || c.deleted || c.json == null) continue;
                ServiceRequest before = order(c);
                ServiceRequest sr = fhir.newJsonParser().parseResource(ServiceRequest.class, c.json);
                OrderStatus ended = OrderStatus.ENDED;
                sr.setStatus(ended.fhirStatus());
                sr.getExtension().removeIf(e -> MosaicSystems.ORDER_STATUS_EXT.equals(e.getUrl()));
                sr.addExtension(MosaicSystems.ORDER_STATUS_EXT,
                        new Coding(Canonical.codeSystem("OrderStatus"), ended.code(), ended.display()));
                DateTimeType end = new DateTimeType(endDate);
                if (!sr.hasOccurrencePeriod()) {
                    sr.setOccurrence(new org.hl7.fhir.r4.model.Period());
                }
                var period = sr.getOccurrencePeriod();
                if (!period.hasEnd() || period.getEnd().after(end.getValue())) period.setEndElement(end);
                ResourceWrite w = repository.newVersion(sr, k[1], c.version + 1, true);
                writes.add(w);
                written.add(new Written("update", k[0], k[1], sr,
                        sr.getSubject().getReferenceElement().getIdPart(), before, w.json()));
            }
            s.write(writes);
            s.flush();
            listeners(s, written);
            // The next extract that names an ended order writes it again.
            deleteHashes(s.connection(), tenant, written.stream().map(w -> new String[]{w.type(), w.id()}).toList());
            List<OutboxEvent> events = new ArrayList<>();
            for (Written w : written) {
                if (w.personRef() != null) event(events, w.personRef(), (ServiceRequest) w.resource(), w.before(), w.json());
            }
            outbox.appendAll(s, events);
            return null;
        });
    }

    /*
     * The council's open orders come from the index tables in four single-table statements joined here, not in one
     * four-way join: the join's generic plan depended on whether the index tables had been analysed since a fast
     * load (stale, it probed in nested loops and ran for minutes at 4,000 orders; docs/mosaic-extract.md). Each of
     * these is one pass over one table whatever the statistics say, so the whole is linear in the tenant's orders.
     * Package-private for the test that checks their plans.
     */
    static final String OPEN_ORDER_STATUSES = "select res_id from fhir_idx_token where tenant = ?"
            + " and res_type = 'ServiceRequest' and param = 'status' and value in ('draft', 'active', 'on-hold')";
    static final String ORDER_NUMBERS = "select res_id, value from fhir_idx_token where tenant = ?"
            + " and res_type = 'ServiceRequest' and param = 'identifier' and system = ?";
    static final String ORDER_SUBJECTS = "select res_id, target_id from fhir_idx_ref where tenant = ?"
            + " and res_type = 'ServiceRequest' and param = 'subject' and target_type = 'Patient'";
    static final String PERSON_IDS = "select res_id, value from fhir_idx_token where tenant = ?"
            + " and res_type = 'Patient' and param = 'identifier' and system = ?";

    /** The council's open orders from Mosaic (offered, accepted, active, suspended, varied): number -> person id. */
    @Override
    public Map<String, String> openOrders(String tenant) {
        return store.inTenant(tenant, s -> {
            Connection c = s.connection();
            Set<String> open = new HashSet<>();
            scan(c, OPEN_ORDER_STATUSES, tenant, null, rs -> open.add(rs.getString(1)));
            // ServiceRequest id -> {order number, Patient id}, open orders with a Mosaic order number only.
            Map<String, String[]> orders = new HashMap<>();
            scan(c, ORDER_NUMBERS, tenant, Canonical.MOSAIC_ORDER, rs -> {
                if (open.contains(rs.getString(1))) orders.put(rs.getString(1), new String[]{rs.getString(2), null});
            });
            open.clear();
            Set<String> subjects = new HashSet<>();
            scan(c, ORDER_SUBJECTS, tenant, null, rs -> {
                String[] o = orders.get(rs.getString(1));
                if (o != null) {
                    o[1] = rs.getString(2);
                    subjects.add(o[1]);
                }
            });
            Map<String, String> personOf = new HashMap<>();
            scan(c, PERSON_IDS, tenant, Canonical.MOSAIC_PERSON, rs -> {
                if (subjects.contains(rs.getString(1))) personOf.put(rs.getString(1), rs.getString(2));
            });
            Map<String, String> out = new HashMap<>();
            for (String[] o : orders.values()) {
                String person = o[1] == null ? null : personOf.get(o[1]);
                if (person != null) out.put(o[0], person);
            }
            return out;
        });
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void scan(Connection c, String sql, String tenant, String system, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            if (system != null) ps.setString(2, system);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) row.accept(rs);
            }
        }
    }

    // ---- extract state, held extracts, reports --------------------------------------------------------------

    @Override
    public Optional<AppliedExtract> lastApplied(String tenant) {
        return store.inTenant(tenant, s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("select extract_id, extract_time, file_digest"
                    + " from mosaic_extract_state where tenant = ?")) {
                ps.setString(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new AppliedExtract(rs.getString(1),
                            rs.getObject(2, OffsetDateTime.class), rs.getString(3)));
                }
            }
        });
    }

    @Override
    public void recordApplied(String tenant, AppliedExtract extract) {
        store.inTenant(tenant, s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("insert into mosaic_extract_state (tenant,"
                    + " extract_id, extract_time, file_digest) values (?, ?, ?, ?) on conflict (tenant) do update set"
                    + " extract_id = excluded.extract_id, extract_time = excluded.extract_time,"
                    + " file_digest = excluded.file_digest, applied_at = now()")) {
                ps.setString(1, tenant);
                ps.setString(2, extract.extractId());
                ps.setObject(3, extract.extractTime());
                ps.setString(4, extract.fileDigest());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public String extractHeld(String tenant, String fileName, ExtractHeader header, EndPlan plan,
                              MosaicExtractProcessor.Source file) {
        String id = UUID.randomUUID().toString();
        String ext = fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? ".csv" : ".xml";
        Path target = heldDir.resolve(tenant).resolve(id + ext);
        try {
            Files.createDirectories(target.getParent());
            try (InputStream in = file.open()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("held extract could not be kept", e);
        }
        store.inTenant(tenant, s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("insert into mosaic_held_extract (tenant, id,"
                    + " file_name, stored_as, extract_id, extract_time, open_orders, orders_to_end, reason)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, tenant);
                ps.setString(2, id);
                ps.setString(3, fileName);
                ps.setString(4, target.toAbsolutePath().toString());
                ps.setString(5, header.extractId == null ? null : header.extractId.trim());
                ps.setObject(6, OffsetDateTime.parse(header.extractTime.trim()));
                ps.setInt(7, plan.openOrders());
                ps.setInt(8, plan.ordersToEnd().size());
                ps.setString(9, plan.reason());
                ps.executeUpdate();
            }
            return null;
        });
        return id;
    }

    /** A held extract waiting for confirmation. */
    public record Held(String id, String fileName, Path storedAs, String extractId, OffsetDateTime extractTime,
                       int openOrders, int ordersToEnd, String reason, String status, OffsetDateTime heldAt) {
    }

    public Optional<Held> held(String tenant, String id) {
        return store.inTenant(tenant, s -> {
            List<Held> found = held(s, "id = ?", id, 1);
            return found.stream().findFirst();
        });
    }

    public List<Held> heldWaiting(String tenant) {
        return store.inTenant(tenant, s -> held(s, "status = ?", "held", 100));
    }

    private static List<Held> held(StoreSession s, String where, String arg, int limit) throws SQLException {
        List<Held> out = new ArrayList<>();
        try (PreparedStatement ps = s.connection().prepareStatement("select id, file_name, stored_as, extract_id,"
                + " extract_time, open_orders, orders_to_end, reason, status, held_at from mosaic_held_extract"
                + " where tenant = ? and " + where + " order by held_at desc limit " + limit)) {
            ps.setString(1, s.tenant());
            ps.setString(2, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Held(rs.getString(1), rs.getString(2), Path.of(rs.getString(3)), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class), rs.getInt(6), rs.getInt(7), rs.getString(8),
                            rs.getString(9), rs.getObject(10, OffsetDateTime.class)));
                }
            }
        }
        return out;
    }

    /** Marks a held extract confirmed or discarded (only while still held); true when it was. */
    public boolean resolveHeld(String tenant, String id, String status, String by) {
        return store.inTenant(tenant, s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("update mosaic_held_extract set status = ?,"
                    + " resolved_at = now(), resolved_by = ? where tenant = ? and id = ? and status = 'held'")) {
                ps.setString(1, status);
                ps.setString(2, by);
                ps.setString(3, tenant);
                ps.setString(4, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** A confirmation that could not be carried out: the extract waits for confirmation again. */
    public void reopenHeld(String tenant, String id) {
        store.inTenant(tenant, s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("update mosaic_held_extract set status = 'held',"
                    + " resolved_at = null, resolved_by = null where tenant = ? and id = ? and status = 'confirmed'")) {
                ps.setString(1, tenant);
                ps.setString(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void reportWritten(String tenant, ExtractReport report) {
        store.inTenant(tenant, s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("insert into mosaic_extract_report (tenant,"
                    + " file_name, outcome, extract_id, held_id, report) values (?, ?, ?, ?, ?, ?::jsonb)")) {
                ps.setString(1, tenant);
                ps.setString(2, report.file());
                ps.setString(3, report.outcome().code());
                ps.setString(4, report.extractId());
                ps.setString(5, report.heldId());
                ps.setString(6, report.toJson());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The latest reports, newest first, as JSON objects. */
    public List<String> recentReports(String tenant, int limit) {
        return store.inTenant(tenant, s -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = s.connection().prepareStatement("select report::text from"
                    + " mosaic_extract_report where tenant = ? order by id desc limit ?")) {
                ps.setString(1, tenant);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static byte[] sha256(String json) {
        return SHA256.get().digest(json.getBytes(StandardCharsets.UTF_8));
    }
}
