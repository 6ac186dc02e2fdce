package org.carebridge.gateway.ecm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.carebridge.gateway.audit.AuditLog;
import org.carebridge.gateway.audit.AuditRecord;
import org.carebridge.gateway.routes.DeadLetterRepository;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.mappings.ecm.EcmSink;
import org.carebridge.mappings.ecm.RecordError;
import org.carebridge.mappings.ecm.VisitEventJson;
import org.carebridge.profiles.rulepacks.RulePack;
import org.carebridge.routes.core.ChannelKind;
import org.carebridge.routes.core.DeadLetter;
import org.carebridge.rules.visits.VisitEvent;
import org.carebridge.rules.visits.VisitMatcher;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * ECM events in, whichever way they came: streamed from the parser in chunks, each chunk one transaction —
 * append the raw events (one multi-row insert, repeats ignored), place new ones on their planned visits, re-judge
 * every touched visit from its whole event log and write its resources once, keep what could not be placed as a
 * dead letter for replay, audit. A chunk either commits whole or not at all, and replaying it changes nothing.
 */
@Singleton
public class EcmIngest {
    /** Payload type of the dead letters of rejected events: one VisitEventJson per line, already pseudonymised. */
    public static final String REPLAY_CONTENT_TYPE = "application/vnd.carebridge.ecm-events+ndjson";
    static final int CHUNK = 5_000;
    private static final Duration VISIT_WINDOW = Duration.ofDays(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResourceStore store;
    private final EcmTenants tenants;
    private final VisitWriter writer;
    private final AuditLog audit;
    private final EcmClock clock;
    private final VisitMatcher matcher = VisitMatcher.standard();

    public EcmIngest(ResourceStore store, EcmTenants tenants, VisitWriter writer, AuditLog audit, EcmClock clock) {
        this.store = store;
        this.tenants = tenants;
        this.writer = writer;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Where a batch came from: the channel (for dead letters and the batch record) and its provider. {@code kind}
     * is null for events of a FHIR write (an actual visit), which are checked before they come here and never kept
     * for replay: a write that cannot be placed is refused whole.
     */
    public record Feed(String tenant, String provider, String routeId, ChannelKind kind, String source) {}

    private record Rec(long number, VisitEvent event, String content) {}

    /**
     * @param parse runs the parser, handing every record to the sink it is given
     */
    public EcmReport ingest(Feed feed, Consumer<EcmSink> parse) {
        RulePack pack = tenants.pack(feed.tenant());
        EcmReport report = new EcmReport();
        report.source = feed.source();
        List<Rec> chunk = new ArrayList<>(CHUNK);
        long started = System.nanoTime();
        parse.accept(new EcmSink() {
            @Override
            public void event(long recordNumber, VisitEvent event) {
                chunk.add(new Rec(recordNumber, event, VisitEventJson.write(event)));
                if (chunk.size() >= CHUNK) {
                    processChunk(feed, pack, chunk, report);
                    chunk.clear();
                }
            }

            @Override
            public void error(RecordError error) {
                report.add(error.recordNumber(), error.eventId(), EcmReport.Outcome.INVALID,
                        error.field() + ": " + error.reason());
            }
        });
        if (!chunk.isEmpty()) processChunk(feed, pack, chunk, report);
        report.time("total", started);
        report.batchId = store.inTenant(feed.tenant(), s -> recordBatch(s, feed, report));
        return report;
    }

    /**
     * Events already mapped and checked (an actual visit posted over FHIR), taken in the caller's transaction, so
     * they commit or roll back with the write. Not recorded as a batch; audited as any chunk.
     */
    public EcmReport ingest(StoreSession s, Feed feed, List<VisitEvent> events) throws SQLException {
        EcmReport report = new EcmReport();
        report.source = feed.source();
        List<Rec> recs = new ArrayList<>(events.size());
        for (VisitEvent e : events) recs.add(new Rec(recs.size() + 1, e, VisitEventJson.write(e)));
        if (!recs.isEmpty()) chunk(s, feed, tenants.pack(feed.tenant()), recs, report);
        return report;
    }

    private void processChunk(Feed feed, RulePack pack, List<Rec> recs, EcmReport report) {
        long t0 = System.nanoTime();
        store.inTenant(feed.tenant(), s -> {
            chunk(s, feed, pack, recs, report);
            return null;
        });
        report.time("chunk-total", t0);
    }

    private void chunk(StoreSession s, Feed feed, RulePack pack, List<Rec> recs, EcmReport report) throws SQLException {
        // Repeats inside the chunk: the first occurrence stands.
        Map<String, Rec> first = new LinkedHashMap<>();
        List<Rec> repeats = new ArrayList<>();
        for (Rec r : recs) {
            if (first.putIfAbsent(r.event().eventId(), r) != null) repeats.add(r);
        }
        List<Rec> unique = new ArrayList<>(first.values());
        long t0 = System.nanoTime();
        Set<String> fresh = VisitStore.insertEvents(s, feed.provider(),
                unique.stream().map(Rec::event).toList(), unique.stream().map(Rec::content).toList());
        report.time("insert-events", t0);
        t0 = System.nanoTime();

        // Events seen before: duplicates, unless never placed (then they are placed now, e.g. a re-send after the rota).
        List<String> seenIds = unique.stream().map(r -> r.event().eventId()).filter(id -> !fresh.contains(id)).toList();
        Map<String, VisitStore.StoredEvent> seen = VisitStore.storedEvents(s, feed.provider(), seenIds);
        Map<Long, EcmReport.Outcome> outcome = new HashMap<>();
        Map<Long, String> reasons = new HashMap<>();
        List<Rec> toPlace = new ArrayList<>();
        for (Rec r : unique) {
            if (fresh.contains(r.event().eventId())) {
                toPlace.add(r);
                continue;
            }
            VisitStore.StoredEvent st = seen.get(r.event().eventId());
            boolean same = st != null && st.content().equals(r.content());
            if (st != null && st.visitId() == null) {
                toPlace.add(same ? r : new Rec(r.number(), VisitEventJson.read(st.content()), st.content()));
                if (!same) {
                    outcome.put(r.number(), EcmReport.Outcome.CONFLICTING_DUPLICATE);
                    reasons.put(r.number(), "event id already received with different content; the first one stands");
                }
            } else {
                outcome.put(r.number(), same ? EcmReport.Outcome.DUPLICATE : EcmReport.Outcome.CONFLICTING_DUPLICATE);
                reasons.put(r.number(), same ? "already received" : "event id already received with different content; the first one stands");
            }
        }
        for (Rec r : repeats) {
            boolean same = first.get(r.event().eventId()).content().equals(r.content());
            outcome.put(r.number(), same ? EcmReport.Outcome.DUPLICATE : EcmReport.Outcome.CONFLICTING_DUPLICATE);
            reasons.put(r.number(), same ? "repeated in this batch" : "event id repeated in this batch with different content; the first one stands");
        }

        report.time("duplicates", t0);
        t0 = System.nanoTime();
        // Place on planned visits.
        Map<String, VisitRow> touched = new LinkedHashMap<>();
        List<Rec> rejected = new ArrayList<>();
        if (!toPlace.isEmpty()) {
            Set<String> clients = new LinkedHashSet<>();
            Instant from = Instant.MAX, to = Instant.MIN;
            for (Rec r : toPlace) {
                clients.add(r.event().clientId());
                if (r.event().time().isBefore(from)) from = r.event().time();
                if (r.event().time().isAfter(to)) to = r.event().time();
            }
            Map<String, List<VisitRow>> byClient = new HashMap<>();
            for (VisitRow v : VisitStore.visitsForClients(s, feed.provider(), clients, from.minus(VISIT_WINDOW), to.plus(VISIT_WINDOW))) {
                byClient.computeIfAbsent(v.visit().clientId(), k -> new ArrayList<>()).add(v);
            }
            List<String> placedEvents = new ArrayList<>(), placedVisits = new ArrayList<>();
            for (Rec r : toPlace) {
                List<VisitRow> rows = byClient.getOrDefault(r.event().clientId(), List.of());
                VisitMatcher.Match m = matcher.match(r.event(), rows.stream().map(VisitRow::visit).toList());
                if (m instanceof VisitMatcher.Matched ok) {
                    String visitId = ok.visit().visitId();
                    placedEvents.add(r.event().eventId());
                    placedVisits.add(visitId);
                    rows.stream().filter(v -> v.visit().visitId().equals(visitId)).findFirst()
                            .ifPresent(v -> touched.putIfAbsent(visitId, v));
                    outcome.putIfAbsent(r.number(), EcmReport.Outcome.ACCEPTED);
                } else {
                    VisitMatcher.Rejected no = (VisitMatcher.Rejected) m;
                    rejected.add(r);
                    outcome.put(r.number(), EcmReport.Outcome.REJECTED);
                    reasons.put(r.number(), no.rejection().name() + ": " + no.reason() + "; kept for replay");
                }
            }
            VisitStore.placeEvents(s, feed.provider(), placedEvents, placedVisits);
        }

        report.time("place", t0);
        // Judge every touched visit on its whole log; lock the rows so two batches for one visit take turns.
        if (!touched.isEmpty()) {
            t0 = System.nanoTime();
            List<VisitRow> locked = VisitStore.visitsById(s, touched.keySet(), true);
            Map<String, VisitEvent> known = new HashMap<>();
            for (Rec r : toPlace) known.put(feed.provider() + '\u0000' + r.event().eventId(), r.event());
            Map<String, List<VisitEvent>> logs = VisitStore.eventsOf(s, touched.keySet(), known);
            report.time("load-logs", t0);
            t0 = System.nanoTime();
            VisitWriter.Written w = writer.judgeAndWrite(s, pack, locked, logs, clock.now());
            report.visitsJudged += w.visits();
            report.alertsRaised += w.alerts().size();
            report.time("judge-map-encode", t0);
            t0 = System.nanoTime();
            s.flush();
            report.time("write-resources", t0);
        }
        t0 = System.nanoTime();

        Long deadLetter = rejected.isEmpty() || feed.kind() == null ? null : keepForReplay(s, feed, rejected, reasons);
        if (deadLetter != null) report.deadLetters.add(deadLetter);
        for (Rec r : recs) report.add(r.number(), r.event().eventId(), outcome.get(r.number()), reasons.get(r.number()));

        Set<String> patients = new HashSet<>();
        for (VisitRow v : touched.values()) if (v.patientResId() != null) patients.add("Patient/" + v.patientResId());
        audit.record(AuditRecord.of(feed.tenant(), "ecm.ingest", 0, feed.routeId(), feed.provider(), "provider", "",
                "", "", feed.kind() == null ? "fhir" : feed.kind().id(), List.copyOf(patients), "events=" + recs.size() + " new=" + fresh.size()
                        + " rejected=" + rejected.size() + " visits=" + touched.size()));
        report.time("dead-letters-audit", t0);
    }

    /** Rejected events wait as one dead letter per chunk, already pseudonymised, replayable once the rota is in. */
    private long keepForReplay(StoreSession s, Feed feed, List<Rec> rejected, Map<Long, String> reasons) throws SQLException {
        StringBuilder payload = new StringBuilder();
        StringBuilder message = new StringBuilder(rejected.size() + " event(s) not placed on a planned visit: ");
        int listed = 0;
        for (Rec r : rejected) {
            payload.append(r.content()).append('\n');
            if (listed++ < 20) message.append(listed > 1 ? "; " : "").append(r.event().eventId()).append(' ')
                    .append(reasons.get(r.number()));
        }
        if (rejected.size() > 20) message.append("; ...");
        return DeadLetterRepository.insert(s.connection(), new DeadLetter(feed.tenant(), feed.routeId(), feed.kind(),
                feed.provider(), "UnplacedEcmEvents", message.toString(), payload.toString().getBytes(StandardCharsets.UTF_8),
                Map.of(org.apache.camel.Exchange.CONTENT_TYPE, REPLAY_CONTENT_TYPE)));
    }

    private long recordBatch(StoreSession s, Feed feed, EcmReport r) throws SQLException {
        String json;
        try {
            json = JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement ps = s.connection().prepareStatement("insert into ecm_batch (tenant, route_id, provider_id,"
                + " source, accepted, duplicates, rejected, invalid, report) values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
                + " returning id")) {
            ps.setString(1, s.tenant());
            ps.setString(2, feed.routeId());
            ps.setString(3, feed.provider());
            ps.setString(4, feed.source());
            ps.setInt(5, r.accepted);
            ps.setInt(6, r.duplicates);
            ps.setInt(7, r.rejected);
            ps.setInt(8, r.invalid);
            ps.setString(9, json);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
