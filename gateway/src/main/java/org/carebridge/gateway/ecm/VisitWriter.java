package org.carebridge.gateway.ecm;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.fhir.WriteListener;
import org.carebridge.gateway.outbox.OutboxEvent;
import org.carebridge.gateway.outbox.OutboxWriter;
import org.carebridge.gateway.search.IndexEntries;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.carebridge.gateway.store.ResourceWrite;
import org.carebridge.gateway.store.StoreSession;
import ca.uhn.fhir.parser.IParser;
import org.carebridge.mappings.ecm.VisitFhirMapper;
import org.carebridge.mappings.ecm.VisitJson;
import org.carebridge.mappings.ecm.VisitRefs;
import org.carebridge.mappings.ecm.VisitUpdate;
import org.carebridge.profiles.rulepacks.RulePack;
import org.carebridge.rules.visits.AppointmentStatus;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.VisitEvent;
import org.carebridge.rules.visits.VisitJudgement;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Re-judges visits from their full event log and writes what changed, once per visit per batch: the Appointment
 * (status), the Encounter (actual periods, method, verification, payable and why) and a Task per new alert with
 * its outbox event, all in the caller's transaction. Writes go through the store (versions, history, search index
 * rows) and the other write listeners, so access rules see them like any other write.
 */
@Singleton
public class VisitWriter {
    /** Refusal runs are counted back over at most this many earlier visits. */
    private static final int REFUSAL_LOOKBACK = 20;

    /**
     * For encoding only, built once per writer. Unlike the server's context, it does not scan every element for
     * reference targets to auto-contain (about a third of HAPI's encoding time here): the visit mapping never
     * puts a resource object in a Reference, so the JSON is the same.
     */
    private final FhirContext encoding;
    private final SearchParameterRegistry registry;
    private final OutboxWriter outbox;
    private final BeanProvider<WriteListener> listenerProvider;
    private volatile List<WriteListener> listeners;

    public VisitWriter(FhirContext ctx, SearchParameterRegistry registry, OutboxWriter outbox,
                       BeanProvider<WriteListener> listeners) {
        this.encoding = FhirContext.forVersion(ctx.getVersion().getVersion());
        this.encoding.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        this.registry = registry;
        this.outbox = outbox;
        this.listenerProvider = listeners;
    }

    /** What one pass wrote. */
    public record Written(int visits, List<Task> alerts) {}

    /**
     * @param events every stored event of each visit (all of them, not only the new ones: corrections,
     *               late and out-of-order events are handled by judging the whole log again)
     */
    public Written judgeAndWrite(StoreSession s, RulePack pack, Collection<VisitRow> visits,
                                 Map<String, List<VisitEvent>> events, Instant now) throws SQLException {
        if (visits.isEmpty()) return new Written(0, List.of());
        List<String> ids = visits.stream().map(v -> v.visit().visitId()).toList();
        Map<String, Set<String>> raised = VisitStore.raisedKeys(s, ids);
        // In planned order, so that a refusal judged earlier in this pass counts towards a later visit's run
        // (a weekly file may hold all three of Kent's consecutive refusals).
        List<VisitRow> ordered = visits.stream().sorted(Comparator.comparing((VisitRow v) -> v.visit().start())
                .thenComparing(v -> v.visit().visitId())).toList();
        List<VisitUpdate.Judged> updates = new ArrayList<>(visits.size());
        Map<String, VisitJudgement> judgedNow = new HashMap<>();
        for (VisitRow row : ordered) {
            List<VisitEvent> log = events.getOrDefault(row.visit().visitId(), List.of());
            int refusalsBefore = log.stream().anyMatch(e -> e.kind() == EventKind.REFUSAL)
                    ? trailingRefusals(s, row, judgedNow) : 0;
            VisitUpdate.Judged u = VisitUpdate.judged(row.visit(), log, pack, now, refusalsBefore,
                    raised.getOrDefault(row.visit().visitId(), Set.of()), refs(row));
            updates.add(u);
            judgedNow.put(row.visit().visitId(), u.judgement());
        }
        return write(s, ordered, updates);
    }

    private static VisitRefs refs(VisitRow row) {
        return new VisitRefs(row.appointmentId(), row.encounterId(), row.orderResId(), row.patientResId(),
                row.providerResId());
    }

    /**
     * One resource to write: its JSON before it has a version, its index rows, and the resource itself for the
     * write listeners, built only for a listener that takes its type (the visit's own resources are written
     * straight from the judgement, never as HAPI objects, when {@link VisitJson#fits}).
     */
    private record Item(String type, String id, String unversioned, IndexEntries index, Supplier<Resource> resource) {}

    private Written write(StoreSession s, List<VisitRow> rows, List<VisitUpdate.Judged> updates) throws SQLException {
        List<Item> items = new ArrayList<>(rows.size() * 2);
        List<String> stateIds = new ArrayList<>(), states = new ArrayList<>(), encounterIds = new ArrayList<>();
        List<Boolean> refused = new ArrayList<>();
        List<String> keys = new ArrayList<>(), keyVisits = new ArrayList<>(), reasons = new ArrayList<>(), taskIds = new ArrayList<>();
        Map<String, Task> tasks = new HashMap<>();
        Map<String, VisitRow> taskRows = new HashMap<>();
        IParser parser = encoding.newJsonParser();
        for (int i = 0; i < rows.size(); i++) {
            VisitRow row = rows.get(i);
            VisitUpdate.Judged u = updates.get(i);
            visitItems(u.judgement(), u.refs(), parser, items);
            stateIds.add(row.visit().visitId());
            states.add(u.judgement().status().code());
            refused.add(u.judgement().refused());
            encounterIds.add(row.encounterId());
            for (Task t : u.newAlerts()) {
                String key = t.getIdentifierFirstRep().getValue();
                keys.add(key);
                keyVisits.add(row.visit().visitId());
                reasons.add(t.getCode().getCodingFirstRep().getCode());
                taskIds.add(t.getIdElement().getIdPart());
                tasks.put(key, t);
                taskRows.put(key, row);
            }
        }
        VisitStore.updateStates(s, stateIds, states, refused, encounterIds);
        List<Task> raisedNow = new ArrayList<>();
        for (String key : VisitStore.insertAlerts(s, keys, keyVisits, reasons, taskIds)) {
            raisedNow.add(tasks.get(key));
        }
        for (Task t : raisedNow) items.add(hapiItem(t, parser));
        put(s, items);
        for (Task t : raisedNow) {
            VisitRow row = taskRows.get(t.getIdentifierFirstRep().getValue());
            if (row.patientResId() == null) continue; // deliveries are per person; an unresolved person has no feed
            List<String> to = row.providerResId() == null ? List.of() : List.of("Organization/" + row.providerResId());
            outbox.append(s, new OutboxEvent(row.patientResId(), OutboxEvent.ALERT, "Task", t.getIdElement().getIdPart(),
                    to, parser.encodeResourceToString(t)));
        }
        return new Written(rows.size(), raisedNow);
    }

    /** The visit's Appointment and (if anyone came) Encounter: written directly, or through HAPI where that does not fit. */
    private void visitItems(VisitJudgement j, VisitRefs refs, IParser parser, List<Item> out) {
        if (VisitJson.fits(j, refs)) {
            out.add(new Item("Appointment", refs.appointmentId(), VisitJson.appointment(j, refs),
                    VisitIndex.appointment(j, refs), () -> VisitFhirMapper.appointment(j, refs)));
            String encounter = VisitJson.encounter(j, refs);
            if (encounter != null) {
                out.add(new Item("Encounter", refs.encounterId(), encounter, VisitIndex.encounter(j, refs),
                        () -> VisitFhirMapper.encounter(j, refs)));
            }
            return;
        }
        out.add(hapiItem(VisitFhirMapper.appointment(j, refs), parser));
        Encounter e = VisitFhirMapper.encounter(j, refs);
        if (e != null) out.add(hapiItem(e, parser));
    }

    private Item hapiItem(Resource r, IParser parser) {
        String id = r.getIdElement().getIdPart();
        r.setId(new IdType(r.fhirType(), id));
        r.getMeta().setVersionId(null);
        r.getMeta().setLastUpdated(null);
        return new Item(r.fhirType(), id, parser.encodeResourceToString(r), IndexEntries.extract(registry, r), () -> r);
    }

    /**
     * New versions of the resources in one batch: one locking read of the current rows, then the store's batched
     * writes. A resource whose JSON would be what is stored already (a correction or a late event that changes no
     * judgement) gets no new version: no history row, no index rows, no listener call.
     */
    private void put(StoreSession s, List<Item> items) throws SQLException {
        Map<String, List<String>> idsByType = new HashMap<>();
        for (Item r : items) idsByType.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r.id());
        Map<String, Map<String, VisitStore.Current>> current = new HashMap<>();
        for (Map.Entry<String, List<String>> e : idsByType.entrySet()) {
            current.put(e.getKey(), VisitStore.lockCurrent(s, e.getKey(), e.getValue()));
        }
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        InstantType at = new InstantType(Date.from(now));
        List<ResourceWrite> writes = new ArrayList<>(items.size());
        List<Item> written = new ArrayList<>(items.size());
        for (Item r : items) {
            VisitStore.Current c = current.get(r.type()).get(r.id());
            if (c != null && !c.deleted() && r.unversioned().equals(ResourceRepository.unversioned(c.json()))) continue;
            long next = c == null ? 1 : c.version() + 1;
            String json = ResourceRepository.versioned(r.unversioned(), next, at);
            if (json == null) json = encoding.newJsonParser().encodeResourceToString(versioned(r.resource().get(), next, at));
            writes.add(new ResourceWrite(r.type(), r.id(), next, now, json, r.index(), c == null ? "POST" : "PUT", c != null));
            written.add(r);
        }
        s.write(writes);
        for (WriteListener l : listeners()) {
            for (int i = 0; i < written.size(); i++) {
                Item r = written.get(i);
                if (!l.takes(r.type())) continue;
                ResourceWrite w = writes.get(i);
                l.afterWrite(s, w.replaces() ? "update" : "create", r.type(), w.id(),
                        versioned(r.resource().get(), w.version(), at));
            }
        }
    }

    /** The resource as stored: its id with the version, and meta's versionId and lastUpdated. */
    private static Resource versioned(Resource r, long version, InstantType at) {
        r.setId(new IdType(r.fhirType(), r.getIdElement().getIdPart(), String.valueOf(version)));
        r.getMeta().setVersionId(String.valueOf(version));
        r.getMeta().setLastUpdated(at.getValue());
        return r;
    }

    /** Every listener but the ECM one (these writes are the ECM's own: no rota to take in from them). */
    private List<WriteListener> listeners() {
        List<WriteListener> l = listeners;
        if (l == null) {
            l = listenerProvider.stream().filter(x -> !(x instanceof EcmWriteListener)).toList();
            listeners = l;
        }
        return l;
    }

    /** Consecutive refused visits of the person just before this one, as Refusals.trailingRefusals counts them. */
    private static int trailingRefusals(StoreSession s, VisitRow row, Map<String, VisitJudgement> judgedNow)
            throws SQLException {
        int run = 0;
        for (Object[] v : VisitStore.earlierVisits(s, row.visit().clientId(), row.visit().start(), REFUSAL_LOOKBACK)) {
            VisitJudgement j = judgedNow.get((String) v[3]); // judged in this pass, not yet stored
            String status = j != null ? j.status().code() : (String) v[0];
            boolean refused = j != null ? j.refused() : (Boolean) v[1];
            if (refused) run++;
            else if (AppointmentStatus.BOOKED.code().equals(status) || (Boolean) v[2]) continue;
            else break;
        }
        return run;
    }
}
