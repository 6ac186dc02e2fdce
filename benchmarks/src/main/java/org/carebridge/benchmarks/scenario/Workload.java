package org.carebridge.benchmarks.scenario;

import org.carebridge.benchmarks.gen.FhirFactory;
import org.carebridge.benchmarks.gen.Model.Visit;
import org.carebridge.benchmarks.gen.PersonData;
import org.carebridge.benchmarks.gen.SyntheticWorld;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of the synthetic world a run works on: people in index order, with their visits, until {@code limit}
 * Appointments (performance.md's workload is 100,000). Ingest writes exactly this, and read/search choose from it,
 * so separate runs agree without asking the server anything.
 */
public final class Workload {
    public final SyntheticWorld world;
    public final FhirFactory fhir;
    public final List<PersonData> people = new ArrayList<>();
    public final List<Visit> visits = new ArrayList<>();
    /** Provider index -> the workload's people it holds an order for (whom its token may see). */
    public final java.util.Map<Integer, List<Integer>> peopleByProvider = new java.util.TreeMap<>();
    /** Provider index -> the workload's visits it delivers. */
    public final java.util.Map<Integer, List<Visit>> visitsByProvider = new java.util.TreeMap<>();

    public Workload(SyntheticWorld world, FhirFactory fhir, int limit) {
        this.world = world;
        this.fhir = fhir;
        for (int i = 0; i < world.scale().people() && visits.size() < limit; i++) {
            PersonData d = new PersonData(world, i);
            people.add(d);
            peopleByProvider.computeIfAbsent(d.order().providerIndex(), k -> new ArrayList<>()).add(i);
            for (Visit v : d.visits()) {
                if (visits.size() == limit) break;
                visits.add(v);
                visitsByProvider.computeIfAbsent(v.providerIndex(), k -> new ArrayList<>()).add(v);
            }
        }
    }

    /** The providers with people in the workload, most people first: who the read/search clients act as. */
    public List<Integer> providersBySize() {
        List<Integer> out = new ArrayList<>(peopleByProvider.keySet());
        out.sort((a, b) -> peopleByProvider.get(b).size() != peopleByProvider.get(a).size()
                ? peopleByProvider.get(b).size() - peopleByProvider.get(a).size() : a - b);
        return out;
    }

    /**
     * The ECM events of providers {@code [from, to)} for the visits this workload plans (what the ingest puts on the
     * rota), per provider in person order, noise included: what each provider's system would send for the week.
     */
    public java.util.Map<Integer, List<org.carebridge.benchmarks.gen.Model.EcmEvent>> ecmEvents(int from, int to) {
        java.util.Set<String> planned = new java.util.HashSet<>();
        for (Visit v : visits) if (v.providerIndex() >= from && v.providerIndex() < to) planned.add(v.visitId());
        java.util.Map<Integer, List<org.carebridge.benchmarks.gen.Model.EcmEvent>> out = new java.util.TreeMap<>();
        for (PersonData d : people) {
            int p = d.order().providerIndex();
            if (p < from || p >= to) continue;
            for (var e : d.events()) {
                if (planned.contains(e.visitId())) out.computeIfAbsent(p, k -> new ArrayList<>()).add(e);
            }
        }
        return out;
    }

    public String orderOf(Visit v) {
        return people.get(v.personIndex()).order().orderNumber();
    }
}
