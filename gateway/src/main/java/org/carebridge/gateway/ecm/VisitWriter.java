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
import org.carebridge.mappings.ecm.VisitUpdate;
import org.carebridge.profiles.rulepacks.RulePack;
import org.carebridge.rules.visits.AppointmentStatus;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.VisitEvent;
import org.carebridge.rules.visits.VisitJudgement;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
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
        List<VisitUpdate> updates = new ArrayList<>(visits.size());
        Map<String, VisitJudgement> judgedNow = new HashMap<>();
        for (VisitRow row : ordered) {
            List<VisitEvent> log = events.getOrDefault(row.visit().visitId(), List.of());
            int refusalsBefore = log.stream().anyMatch(e -> e.kind() == EventKind.REFUSAL)
                    ? trailingRefusals(s, row, judgedNow) : 0;
            VisitUpdate u = VisitUpdate.of(row.visit(), log, pack, now, refusalsBefore,
                    raised.getOrDefault(row.visit().visitId(), Set.of()));
            updates.add(u);
            judgedNow.put(row.visit().visitId(), u.judgement());
        }
        return write(s, ordered, updates);
    }

    private Written write(StoreSession s, List<VisitRow> rows, List<VisitUpdate> updates) throws SQLException {
        List<Resource> resources = new ArrayList<>(rows.size() * 2);
        List<String> stateIds = new ArrayList<>(), states = new ArrayList<>(), encounterIds = new ArrayList<>();
        List<Boolean> refused = new ArrayList<>();
        List<String> keys = new ArrayList<>(), keyVisits = new ArrayList<>(), reasons = new ArrayList<>(), taskIds = new ArrayList<>();
        Map<String, Task> tasks = new HashMap<>();
        Map<String, VisitRow> taskRows = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            VisitRow row = rows.get(i);
            VisitUpdate u = updates.get(i);
            Appointment a = u.resources().appointment();
            a.setId(row.appointmentId());
            literal(row, a.getBasedOnFirstRep(), a.getParticipant().get(0).getActor(), a.getParticipant().get(1).getActor());
            resources.add(a);
            u.resources().encounter().ifPresent(e -> {
                e.setId(row.encounterId());
                e.getAppointmentFirstRep().setReference("Appointment/" + row.appointmentId());
                literal(row, e.getBasedOnFirstRep(), e.getSubject(), e.getServiceProvider());
                resources.add(e);
            });
            stateIds.add(row.visit().visitId());
            states.add(u.judgement().status().code());
            refused.add(u.judgement().refused());
            encounterIds.add(row.encounterId());
            for (Task t : u.newAlerts()) {
                t.getFocus().setReference("Appointment/" + row.appointmentId());
                literal(row, t.getBasedOnFirstRep(), t.getFor(), t.getRequester());
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
        resources.addAll(raisedNow);
        put(s, resources);
        var taskJson = encoding.newJsonParser();
        for (Task t : raisedNow) {
            VisitRow row = taskRows.get(t.getIdentifierFirstRep().getValue());
            if (row.patientResId() == null) continue; // deliveries are per person; an unresolved person has no feed
            List<String> to = row.providerResId() == null ? List.of() : List.of("Organization/" + row.providerResId());
            outbox.append(s, new OutboxEvent(row.patientResId(), OutboxEvent.ALERT, "Task", t.getIdElement().getIdPart(),
                    to, taskJson.encodeResourceToString(t)));
        }
        return new Written(rows.size(), raisedNow);
    }

    /** Identifier references stay (they are what the mapping promises); literal ones are added for search and access. */
    private static void literal(VisitRow row, Reference order, Reference patient, Reference provider) {
        if (row.orderResId() != null) order.setReference("ServiceRequest/" + row.orderResId());
        if (row.patientResId() != null) patient.setReference("Patient/" + row.patientResId());
        if (row.providerResId() != null && provider != null) provider.setReference("Organization/" + row.providerResId());
    }

    /**
     * New versions of the resources in one batch: one locking read of the current rows, then the store's batched
     * writes. A resource whose JSON would be what is stored already (a correction or a late event that changes no
     * judgement) gets no new version: no history row, no index rows, no listener call.
     */
    private void put(StoreSession s, List<Resource> resources) throws SQLException {
        Map<String, List<String>> idsByType = new HashMap<>();
        for (Resource r : resources) idsByType.computeIfAbsent(r.fhirType(), k -> new ArrayList<>()).add(r.getIdElement().getIdPart());
        Map<String, Map<String, VisitStore.Current>> current = new HashMap<>();
        for (Map.Entry<String, List<String>> e : idsByType.entrySet()) {
            current.put(e.getKey(), VisitStore.lockCurrent(s, e.getKey(), e.getValue()));
        }
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        InstantType at = new InstantType(Date.from(now));
        List<ResourceWrite> writes = new ArrayList<>(resources.size());
        List<Resource> written = new ArrayList<>(resources.size());
        var parser = encoding.newJsonParser();
        for (Resource r : resources) {
            String id = r.getIdElement().getIdPart();
            VisitStore.Current c = current.get(r.fhirType()).get(id);
            // Encoded once, before it has a version: compared with the stored JSON, then given its version.
            r.setId(new IdType(r.fhirType(), id));
            r.getMeta().setVersionId(null);
            r.getMeta().setLastUpdated(null);
            String unversioned = parser.encodeResourceToString(r);
            if (c != null && !c.deleted() && unversioned.equals(ResourceRepository.unversioned(c.json()))) continue;
            long next = c == null ? 1 : c.version() + 1;
            r.setId(new IdType(r.fhirType(), id, String.valueOf(next)));
            r.getMeta().setVersionId(String.valueOf(next));
            r.getMeta().setLastUpdated(at.getValue());
            String json = ResourceRepository.versioned(unversioned, next, at);
            writes.add(new ResourceWrite(r.fhirType(), id, next, now, json != null ? json : parser.encodeResourceToString(r),
                    IndexEntries.extract(registry, r), c == null ? "POST" : "PUT", c != null));
            written.add(r);
        }
        s.write(writes);
        for (WriteListener l : listeners()) {
            for (int i = 0; i < written.size(); i++) {
                Resource r = written.get(i);
                l.afterWrite(s, writes.get(i).replaces() ? "update" : "create", r.fhirType(), writes.get(i).id(), r);
            }
        }
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
