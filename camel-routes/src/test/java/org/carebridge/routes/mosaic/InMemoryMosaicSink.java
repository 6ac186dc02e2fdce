package org.carebridge.routes.mosaic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.carebridge.mappings.mosaic.MappedPerson;
import org.carebridge.mappings.mosaic.OrderStatus;
import org.carebridge.mappings.mosaic.MosaicSystems;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.plan.AppliedExtract;
import org.carebridge.mappings.mosaic.plan.EndPlan;
import org.carebridge.mappings.mosaic.plan.ExtractReport;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ServiceRequest;

/** The store as a map, for tests: what the gateway's database does, minus the database. */
final class InMemoryMosaicSink implements MosaicExtractSink {
    final Map<String, MappedPerson> people = new ConcurrentHashMap<>();
    /** order number -> (person id, council status) */
    final Map<String, String[]> orders = new ConcurrentHashMap<>();
    final List<ExtractReport> reports = new ArrayList<>();
    final List<String> held = new ArrayList<>();
    final Map<String, byte[]> heldFiles = new HashMap<>();
    final Map<String, AppliedExtract> applied = new HashMap<>();
    int applyCalls;
    String failFor;
    /** Person ids in the order the store took them, and how many groups it held at once at most. */
    final List<String> applyOrder = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger inStore = new java.util.concurrent.atomic.AtomicInteger();
    volatile int mostGroupsAtOnce;

    @Override
    public List<RuntimeException> applyPersons(ExtractHeader header, List<MappedPerson> persons) {
        int now = inStore.incrementAndGet();
        synchronized (this) {
            mostGroupsAtOnce = Math.max(mostGroupsAtOnce, now);
        }
        try {
            return MosaicExtractSink.super.applyPersons(header, persons);
        } finally {
            inStore.decrementAndGet();
        }
    }

    @Override
    public synchronized void applyPerson(ExtractHeader header, MappedPerson person) {
        if ("*".equals(failFor) || person.personId().equals(failFor)) {
            throw new IllegalStateException("simulated constraint violation");
        }
        applyCalls++;
        applyOrder.add(person.personId());
        people.put(person.personId(), person);
        for (ServiceRequest sr : person.orders()) {
            String status = ((Coding) sr.getExtensionByUrl(MosaicSystems.ORDER_STATUS_EXT).getValue()).getCode();
            orders.put(sr.getIdentifierFirstRep().getValue(), new String[] {person.personId(), status});
        }
    }

    @Override
    public synchronized void endOrders(ExtractHeader header, Set<String> orderNumbers) {
        for (String n : orderNumbers) {
            orders.get(n)[1] = "ended";
        }
    }

    @Override
    public synchronized void recordApplied(String tenant, AppliedExtract extract) {
        applied.put(tenant, extract);
    }

    @Override
    public synchronized String extractHeld(String tenant, String fileName, ExtractHeader header, EndPlan plan,
                                           MosaicExtractProcessor.Source file) {
        held.add(fileName);
        String id = "held-" + held.size();
        try (java.io.InputStream in = file.open()) {
            heldFiles.put(id, in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return id;
    }

    @Override
    public synchronized void reportWritten(String tenant, ExtractReport report) {
        reports.add(report);
    }

    @Override
    public synchronized Optional<AppliedExtract> lastApplied(String tenant) {
        return Optional.ofNullable(applied.get(tenant));
    }

    @Override
    public synchronized Map<String, String> openOrders(String tenant) {
        Map<String, String> open = new HashMap<>();
        orders.forEach((n, v) -> {
            if (OrderStatus.fromCode(v[1]).orElseThrow().isOpen()) {
                open.put(n, v[0]);
            }
        });
        return open;
    }

    synchronized long openCount() {
        return openOrders("kent").size();
    }
}
