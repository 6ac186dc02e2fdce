package org.carebridge.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.carebridge.gateway.search.IndexEntries;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.gateway.store.ResourceWrite;
import org.carebridge.gateway.store.SearchPage;
import org.carebridge.gateway.store.SearchSpec;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.gateway.store.StoredResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * FHIR semantics over the store: versions, conditional operations, If-Match, and the conversion between HAPI
 * resources and stored JSON. Callers that already hold a {@link StoreSession} (transactions, feeds) use the
 * session variants so several writes commit together.
 */
@Singleton
public class ResourceRepository {
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    /** The people a resource is about, as audit counts them: its patient and subject references to Patients. */
    public static final StoredResource.RefTargets PEOPLE = new StoredResource.RefTargets(List.of("patient", "subject"), "Patient");

    private final FhirContext ctx;
    private final ResourceStore store;
    private final SearchParameterRegistry registry;
    private final SearchRequestParser parser;
    /** Looked up lazily: listeners may themselves write through this repository. */
    private final Supplier<List<WriteListener>> listeners;
    private Supplier<List<WriteHandler>> handlers = List::of;
    /** Writes of the transaction Bundles being applied, held for the listeners that batch (by session). */
    private final Map<StoreSession, List<WriteListener.Write>> held = new ConcurrentHashMap<>();

    @Inject
    public ResourceRepository(FhirContext ctx, ResourceStore store, SearchParameterRegistry registry,
                              SearchRequestParser parser, BeanProvider<WriteListener> listeners,
                              BeanProvider<WriteHandler> handlers) {
        this(ctx, store, registry, parser, memo(listeners));
        this.handlers = memo(handlers);
    }

    /** Resolved on first write (not at construction: a listener may depend on this repository). */
    private static <T> Supplier<List<T>> memo(BeanProvider<T> provider) {
        return new Supplier<>() {
            private volatile List<T> resolved;

            @Override
            public List<T> get() {
                List<T> r = resolved;
                if (r == null) {
                    r = provider.stream().toList();
                    resolved = r;
                }
                return r;
            }
        };
    }

    private ResourceRepository(FhirContext ctx, ResourceStore store, SearchParameterRegistry registry,
                               SearchRequestParser parser, Supplier<List<WriteListener>> listeners) {
        this.ctx = ctx;
        this.store = store;
        this.registry = registry;
        this.parser = parser;
        this.listeners = listeners;
    }

    public ResourceStore store() {
        return store;
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    public Resource read(String tenant, String type, IdType id) {
        return store.inTenant(tenant, s -> read(s, type, id));
    }

    public Resource read(StoreSession s, String type, IdType id) throws SQLException {
        return parse(readStored(s, type, id));
    }

    /** A read answered to a client: the resource carries its stored JSON, so it may be sent without encoding. */
    public Resource readForResponse(String tenant, String type, IdType id) {
        return parseForResponse(store.inTenant(tenant, s -> readStored(s, type, id)));
    }

    /**
     * The current version for a response, read in one statement with the caller's {@code restrictions} (from the
     * search filters): one that is missing or that the caller may not see is "not known" alike. {@code hollow}:
     * answer with a hollow resource (see {@link StoredJson}) when the row allows.
     */
    public Resource readForResponse(String tenant, String type, IdType id, List<SearchSpec.Restriction> restrictions,
                                    boolean hollow) {
        checkId(id.getIdPart());
        StoredResource r = store.inTenant(tenant, s -> s.readRestricted(type, id.getIdPart(), restrictions, hollow ? PEOPLE : null))
                .orElseThrow(() -> notFound(type, id.getIdPart()));
        if (r.deleted()) throw new ResourceGoneException("Resource " + type + "/" + id.getIdPart() + " is deleted");
        return forResponse(r, hollow);
    }

    private StoredResource readStored(StoreSession s, String type, IdType id) throws SQLException {
        checkId(id.getIdPart());
        if (id.hasVersionIdPart()) {
            long v = versionOf(id.getVersionIdPart());
            StoredResource r = s.readVersion(type, id.getIdPart(), v)
                    .orElseThrow(() -> notFound(type, id.getIdPart() + "/_history/" + v));
            if (r.deleted()) throw new ResourceGoneException("Resource " + type + "/" + id.getIdPart() + " version " + v + " is deleted");
            return r;
        }
        StoredResource r = s.read(type, id.getIdPart()).orElseThrow(() -> notFound(type, id.getIdPart()));
        if (r.deleted()) throw new ResourceGoneException("Resource " + type + "/" + id.getIdPart() + " is deleted");
        return r;
    }

    public List<StoredResource> history(String tenant, String type, String id, int offset, int count) {
        checkId(id);
        return store.inTenant(tenant, s -> {
            if (s.read(type, id).isEmpty()) throw notFound(type, id);
            return s.history(type, id, offset, count);
        });
    }

    public int historyCount(String tenant, String type, String id) {
        return store.inTenant(tenant, s -> s.historyCount(type, id));
    }

    public SearchPage search(String tenant, SearchSpec spec) {
        return store.inTenant(tenant, s -> s.search(spec));
    }

    /** A search answered to a client; {@code withPeople}: each row also carries {@link #PEOPLE}, for hollow answers. */
    public SearchPage searchForResponse(String tenant, SearchSpec spec, boolean withPeople) {
        return store.inTenant(tenant, s -> s.search(spec, withPeople ? PEOPLE : null));
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    public MethodOutcome create(String tenant, Resource resource, String ifNoneExist) {
        return store.inTenant(tenant, s -> create(s, resource, ifNoneExist));
    }

    public MethodOutcome create(StoreSession s, Resource resource, String ifNoneExist) throws SQLException {
        return create(s, resource, ifNoneExist, null);
    }

    /** Create with an id chosen by the caller (a transaction that has rewritten references to it), or a new UUID. */
    public MethodOutcome create(StoreSession s, Resource resource, String ifNoneExist, String newId) throws SQLException {
        MethodOutcome taken = handled(s, "create", null, resource);
        if (taken != null) return taken;
        String type = resource.fhirType();
        if (ifNoneExist != null && !ifNoneExist.isBlank()) {
            SearchSpec spec = conditional(type, ifNoneExist);
            Optional<StoredResource> existing = single(s, spec, "If-None-Exist");
            if (existing.isPresent()) {
                MethodOutcome mo = new MethodOutcome(idOf(existing.get()), false);
                mo.setResource(parse(existing.get()));
                return mo;
            }
        }
        return put(s, resource, newId != null ? newId : UUID.randomUUID().toString(), 1, "POST", false, true);
    }

    /** Update, or create with the client's id when none exists (update-as-create). */
    public MethodOutcome update(String tenant, IdType id, Resource resource, String conditionalUrl) {
        return store.inTenant(tenant, s -> update(s, id, resource, conditionalUrl));
    }

    public MethodOutcome update(StoreSession s, IdType id, Resource resource, String conditionalUrl) throws SQLException {
        String type = resource.fhirType();
        String targetId;
        String expectedVersion = id == null ? null : id.getVersionIdPart();
        if (conditionalUrl != null && !conditionalUrl.isBlank()) {
            SearchSpec spec = conditional(type, conditionalUrl);
            Optional<StoredResource> existing = single(s, spec, "conditional update");
            targetId = existing.map(StoredResource::id).orElseGet(() ->
                    resource.getIdElement().hasIdPart() ? resource.getIdElement().getIdPart() : UUID.randomUUID().toString());
        } else {
            if (id == null || !id.hasIdPart()) throw new InvalidRequestException("Update needs an id in the URL");
            targetId = id.getIdPart();
            if (!resource.getIdElement().hasIdPart()) {
                throw new InvalidRequestException("Resource.id: the body of an update must carry the id of the URL ("
                        + targetId + ")");
            }
            if (!targetId.equals(resource.getIdElement().getIdPart())) {
                throw new InvalidRequestException("Resource.id: '" + resource.getIdElement().getIdPart()
                        + "' does not match the id in the URL '" + targetId + "'");
            }
        }
        checkId(targetId);
        MethodOutcome taken = handled(s, "update", new IdType(type, targetId, expectedVersion), resource);
        if (taken != null) return taken;
        Optional<StoredResource> current = s.lockCurrent(type, targetId);
        if (expectedVersion != null) {
            long expected = versionOf(expectedVersion);
            long actual = current.map(StoredResource::version).orElse(0L);
            if (current.isEmpty() || current.get().deleted() || actual != expected) {
                throw new PreconditionFailedException("If-Match: version " + expected + " of " + type + "/" + targetId
                        + " is not the current version" + (current.isPresent() ? " (" + actual + ")" : ""));
            }
        }
        long next = current.map(c -> c.version() + 1).orElse(1L);
        return put(s, resource, targetId, next, "PUT", current.isPresent(), current.isEmpty() || current.get().deleted());
    }

    public MethodOutcome delete(String tenant, String type, IdType id) {
        return store.inTenant(tenant, s -> delete(s, type, id));
    }

    public MethodOutcome delete(StoreSession s, String type, IdType id) throws SQLException {
        checkId(id.getIdPart());
        {
            Optional<StoredResource> current = s.lockCurrent(type, id.getIdPart());
            if (current.isEmpty()) throw notFound(type, id.getIdPart());
            if (id.hasVersionIdPart() && current.get().version() != versionOf(id.getVersionIdPart())) {
                throw new PreconditionFailedException("If-Match: version " + id.getVersionIdPart() + " is not current");
            }
            if (current.get().deleted()) {
                return new MethodOutcome(new IdType(type, id.getIdPart(), String.valueOf(current.get().version())));
            }
            long next = current.get().version() + 1;
            Instant now = now();
            s.write(List.of(new ResourceWrite(type, id.getIdPart(), next, now, null, null, "DELETE", true)));
            tell(s, "delete", type, id.getIdPart(), null);
            return new MethodOutcome(new IdType(type, id.getIdPart(), String.valueOf(next)));
        }
    }

    private MethodOutcome put(StoreSession s, Resource resource, String id, long version, String method,
                              boolean replaces, boolean created) throws SQLException {
        Instant now = now();
        resource.setId(new IdType(resource.fhirType(), id, String.valueOf(version)));
        resource.getMeta().setVersionId(String.valueOf(version));
        resource.getMeta().setLastUpdatedElement(new InstantType(java.util.Date.from(now)));
        IndexEntries index = IndexEntries.extract(registry, resource);
        String json = encode(resource);
        s.write(List.of(new ResourceWrite(resource.fhirType(), id, version, now, json, index, method, replaces)));
        tell(s, created ? "create" : "update", resource.fhirType(), id, resource);
        MethodOutcome mo = new MethodOutcome(resource.getIdElement(), created);
        mo.setResource(resource);
        return mo;
    }

    /**
     * A new version of {@code resource} as {@link #update} would store it (id, version and lastUpdated set, index
     * rows extracted), for feeds that lock and read the current rows of many resources at once and queue the writes
     * themselves ({@link StoreSession#write}) so they reach the database in one batch. The feed must then call
     * {@link #written} for each, in the same transaction, so the write listeners still run.
     */
    public ResourceWrite newVersion(Resource resource, String id, long version, boolean replaces) {
        return newVersion(resource, id, version, replaces, null);
    }

    /**
     * As {@link #newVersion(Resource, String, long, boolean)}, reusing {@code unversionedJson}: {@link #encode} of
     * the resource made while its meta had no versionId and lastUpdated (a feed that already encoded it, e.g. to
     * compare content). Those two are spliced in where the encoder puts them (first in meta), which saves the
     * second encoding, the costliest step of a bulk write.
     */
    public ResourceWrite newVersion(Resource resource, String id, long version, boolean replaces,
                                    String unversionedJson) {
        checkId(id);
        Instant now = now();
        resource.setId(new IdType(resource.fhirType(), id, String.valueOf(version)));
        resource.getMeta().setVersionId(String.valueOf(version));
        InstantType at = new InstantType(java.util.Date.from(now));
        resource.getMeta().setLastUpdatedElement(at);
        String json = unversionedJson == null ? null : versioned(unversionedJson, version, at);
        if (json == null) json = encode(resource);
        return new ResourceWrite(resource.fhirType(), id, version, now, json,
                IndexEntries.extract(registry, resource), replaces ? "PUT" : "POST", replaces);
    }

    /**
     * The encoder's JSON of a resource whose meta had no versionId and lastUpdated, with those two spliced in
     * where the encoder puts them (first in meta); null when it has no meta to splice them into.
     */
    public static String versioned(String unversionedJson, long version, InstantType at) {
        int meta = unversionedJson.indexOf("\"meta\":{\"");
        if (meta <= 0 || unversionedJson.indexOf("\"versionId\"") >= 0) return null;
        int at0 = meta + "\"meta\":{".length();
        return unversionedJson.substring(0, at0) + "\"versionId\":\"" + version + "\",\"lastUpdated\":\""
                + at.getValueAsString() + "\"," + unversionedJson.substring(at0);
    }

    /**
     * The reverse of {@link #versioned}: stored JSON without its versionId and lastUpdated, to compare with a new
     * unversioned encoding (equal: the write would change nothing); null when it is not of that shape.
     */
    public static String unversioned(String storedJson) {
        String head = "\"meta\":{\"versionId\":\"";
        int meta = storedJson.indexOf(head);
        if (meta <= 0) return null;
        String lu = "\",\"lastUpdated\":\"";
        int v = storedJson.indexOf(lu, meta + head.length());
        int end = v < 0 ? -1 : storedJson.indexOf('"', v + lu.length());
        if (end < 0 || end + 2 >= storedJson.length() || storedJson.charAt(end + 1) != ',') return null;
        return storedJson.substring(0, meta + "\"meta\":{".length()) + storedJson.substring(end + 2);
    }

    /** A delete version, for the same batched use as {@link #newVersion}. */
    public ResourceWrite deleteVersion(String type, String id, long version) {
        checkId(id);
        return new ResourceWrite(type, id, version, now(), null, null, "DELETE", true);
    }

    /** Runs the write listeners for a write queued with {@link #newVersion} or {@link #deleteVersion}. */
    public void written(StoreSession s, String interaction, String type, String id, Resource resource)
            throws SQLException {
        tell(s, interaction, type, id, resource);
    }

    /** As {@link #written} for each of a transaction's queued writes, letting each listener batch its work. */
    public void written(StoreSession s, List<WriteListener.Write> writes) throws SQLException {
        if (writes.isEmpty()) return;
        try {
            for (WriteListener l : listeners.get()) l.afterWrites(s, writes);
        } catch (WriteListener.Refused r) {
            throw r.reason();
        }
    }

    /** Work inside a store transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Applies a transaction Bundle's entries ({@code work}): the listeners that batch
     * ({@link WriteListener#batchesTransactions}) are told of all its writes at once, after the last entry and in the
     * same transaction, instead of entry by entry; the others still hear of each write as it is made. A batching
     * listener's refusal comes out as {@link WriteListener.Refused}, naming the write.
     */
    public <T> T holdingListeners(StoreSession s, Work<T> work) throws SQLException {
        List<WriteListener.Write> writes = new ArrayList<>();
        if (held.putIfAbsent(s, writes) != null) return work.run(); // nested: the outer call tells them
        try {
            T out = work.run();
            while (!writes.isEmpty()) { // writes a listener makes meanwhile come round again
                List<WriteListener.Write> batch = List.copyOf(writes);
                writes.clear();
                for (WriteListener l : listeners.get()) {
                    if (l.batchesTransactions()) l.afterWrites(s, batch);
                }
            }
            return out;
        } finally {
            held.remove(s);
        }
    }

    private void tell(StoreSession s, String interaction, String type, String id, Resource resource)
            throws SQLException {
        List<WriteListener.Write> hold = held.isEmpty() ? null : held.get(s);
        boolean queued = false;
        for (WriteListener l : listeners.get()) {
            if (hold != null && l.batchesTransactions()) {
                if (!queued) hold.add(new WriteListener.Write(interaction, type, id, resource));
                queued = true;
            } else {
                l.afterWrite(s, interaction, type, id, resource);
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Tells the write handlers a transaction Bundle's plain-id updates before its entries are applied. */
    void beforeUpdates(StoreSession s, Map<String, List<String>> idsByType) throws SQLException {
        for (WriteHandler h : handlers.get()) {
            for (var t : idsByType.entrySet()) h.beforeUpdates(s, t.getKey(), t.getValue());
        }
    }

    private MethodOutcome handled(StoreSession s, String interaction, IdType target, Resource resource) throws SQLException {
        for (WriteHandler h : handlers.get()) {
            MethodOutcome mo = h.handle(s, interaction, target, resource);
            if (mo != null) return mo;
        }
        return null;
    }

    private SearchSpec conditional(String type, String url) {
        int q = url.indexOf('?');
        String query = q < 0 ? url : url.substring(q + 1);
        SearchSpec spec = parser.parseQuery(type, query);
        return new SearchSpec(type, spec.criteria(), List.of(), 0, 2, false, List.of(), spec.restrictions());
    }

    private Optional<StoredResource> single(StoreSession s, SearchSpec spec, String what) throws SQLException {
        s.lockKey(spec.resourceType() + "?" + spec.criteria());
        SearchPage page = s.search(spec);
        if (page.matches().size() > 1) {
            throw new PreconditionFailedException(what + ": the criteria match more than one " + spec.resourceType());
        }
        return page.matches().stream().findFirst();
    }

    public Resource parse(StoredResource r) {
        IParser p = ctx.newJsonParser();
        Resource res = (Resource) p.parseResource(r.json());
        res.setId(new IdType(r.type(), r.id(), String.valueOf(r.version())));
        return res;
    }

    /** {@link #parse} for a response: the stored JSON goes along, see {@link StoredJson}. */
    public Resource parseForResponse(StoredResource r) {
        return StoredJson.attach(parse(r), r.json());
    }

    /**
     * A row for a response: hollow when asked and the row allows (it carries {@link #PEOPLE} and its JSON is the
     * encoder's), else parsed ({@link #parseForResponse}).
     */
    public Resource forResponse(StoredResource r, boolean hollow) {
        Resource h = hollow ? StoredJson.hollow(ctx, r) : null;
        return h != null ? h : parseForResponse(r);
    }

    public String encode(Resource resource) {
        return ctx.newJsonParser().encodeResourceToString(resource);
    }

    private static IdType idOf(StoredResource r) {
        return new IdType(r.type(), r.id(), String.valueOf(r.version()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void checkId(String id) {
        if (id == null || !FHIR_ID.matcher(id).matches()) {
            throw new InvalidRequestException("Resource.id: '" + id + "' is not a valid FHIR id (1-64 of A-Z a-z 0-9 - .)");
        }
    }

    private static long versionOf(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Version '" + v + "' is not a number");
        }
    }

    private static ResourceNotFoundException notFound(String type, String id) {
        return new ResourceNotFoundException("Resource " + type + "/" + id + " is not known");
    }
}
