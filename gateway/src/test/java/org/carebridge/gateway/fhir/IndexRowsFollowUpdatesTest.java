package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.search.IndexEntries;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.carebridge.gateway.store.ResourceStore;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Updates change only the index rows that differ, so the rows of a resource must stay exactly those its current
 * version has (repeated values, open date ranges and system-less tokens included) through updates that add,
 * drop, repeat and keep values, inside and outside transactions, and none after a delete; searches follow.
 */
class IndexRowsFollowUpdatesTest {
    static final String T = "kent";
    private final IGenericClient client = GatewayServer.client(T);

    @Test
    void indexRowsAreThoseOfTheCurrentVersion() {
        Appointment a = visit("IX-1", Appointment.AppointmentStatus.BOOKED, "2031-05-01T09:00:00Z", null);
        String id = client.create().resource(a).execute().getId().getIdPart();
        assertRowsMatch("Appointment", id);
        assertEquals(1, byIdentifier("IX-1"));

        // Status and date change, one identifier goes, two identical ones come, one reference stays.
        Appointment u = read(id);
        u.setStatus(Appointment.AppointmentStatus.ARRIVED);
        u.setStart(Date.from(Instant.parse("2031-05-02T09:00:00Z"))).setEnd(Date.from(Instant.parse("2031-05-02T10:00:00Z")));
        u.getIdentifier().clear();
        u.addIdentifier().setSystem("urn:ix").setValue("IX-2");
        u.addIdentifier().setSystem("urn:ix").setValue("IX-2");
        client.update().resource(u).execute();
        assertRowsMatch("Appointment", id);
        assertEquals(0, byIdentifier("IX-1"));
        assertEquals(1, byIdentifier("IX-2"));
        assertEquals(0, client.search().forResource(Appointment.class).where(Appointment.STATUS.exactly().code("booked"))
                .and(Appointment.IDENTIFIER.exactly().systemAndIdentifier("urn:ix", "IX-2"))
                .returnBundle(Bundle.class).execute().getEntry().size());
        assertEquals(1, client.search().forResource(Appointment.class).where(Appointment.DATE.exactly().day("2031-05-02"))
                .and(Appointment.IDENTIFIER.exactly().systemAndIdentifier("urn:ix", "IX-2"))
                .returnBundle(Bundle.class).execute().getEntry().size());

        // Back to one of them and no end, twice in one transaction, then an update that changes nothing indexed.
        Appointment t1 = read(id);
        t1.getIdentifier().remove(1);
        t1.setEnd(null);
        Appointment t2 = t1.copy();
        t2.addParticipant().setActor(new Reference("Patient/ix-other"));
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry().setResource(t1).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Appointment/" + id);
        tx.addEntry().setResource(t2).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Appointment/" + id);
        client.transaction().withBundle(tx).execute();
        assertRowsMatch("Appointment", id);
        Appointment same = read(id);
        same.setComment("no indexed change");
        client.update().resource(same).execute();
        assertRowsMatch("Appointment", id);
        assertEquals("5", read(id).getMeta().getVersionId());

        client.delete().resourceById(new IdType("Appointment", id)).execute();
        assertEquals(List.of(), rows("Appointment", id));
        assertEquals(0, byIdentifier("IX-2"));
    }

    @Test
    void anOpenPeriodThatClosesMovesItsDateRow() {
        Encounter e = new Encounter().setStatus(Encounter.EncounterStatus.INPROGRESS)
                .setPeriod(new Period().setStart(Date.from(Instant.parse("2031-06-01T08:00:00Z"))));
        e.setSubject(new Reference("Patient/ix-person"));
        String id = client.create().resource(e).execute().getId().getIdPart();
        assertRowsMatch("Encounter", id);
        Encounter done = client.read().resource(Encounter.class).withId(id).execute();
        done.setStatus(Encounter.EncounterStatus.FINISHED).getPeriod().setEnd(Date.from(Instant.parse("2031-06-01T08:40:00Z")));
        client.update().resource(done).execute();
        assertRowsMatch("Encounter", id);
        assertEquals(1, client.search().forResource(Encounter.class).where(Encounter.STATUS.exactly().code("finished"))
                .and(Encounter.SUBJECT.hasId("Patient/ix-person")).returnBundle(Bundle.class).execute().getEntry().size());
    }

    private Appointment read(String id) {
        return client.read().resource(Appointment.class).withId(id).execute();
    }

    private int byIdentifier(String value) {
        return client.search().forResource(Appointment.class)
                .where(Appointment.IDENTIFIER.exactly().systemAndIdentifier("urn:ix", value))
                .returnBundle(Bundle.class).execute().getEntry().size();
    }

    private static Appointment visit(String identifier, Appointment.AppointmentStatus status, String start, String end) {
        Appointment a = new Appointment().setStatus(status).setStart(Date.from(Instant.parse(start)));
        if (end != null) a.setEnd(Date.from(Instant.parse(end)));
        a.addIdentifier().setSystem("urn:ix").setValue(identifier);
        a.addIdentifier().setValue("no-system-" + identifier);
        a.addParticipant().setActor(new Reference("Patient/ix-person"));
        return a;
    }

    /** The stored rows equal, as a multiset, those extracted afresh from the current version. */
    private void assertRowsMatch(String type, String id) {
        Resource current = (Resource) client.read().resource(type).withId(id).execute();
        IndexEntries idx = IndexEntries.extract(GatewayServer.start().getApplicationContext()
                .getBean(SearchParameterRegistry.class), current);
        List<String> expected = new ArrayList<>();
        idx.tokens().forEach(t -> expected.add("token|" + t.param() + "|" + t.system() + "|" + t.value()));
        idx.refs().forEach(r -> expected.add("ref|" + r.param() + "|" + r.targetType() + "|" + r.targetId()));
        idx.dates().forEach(d -> expected.add("date|" + d.param() + "|" + bound(d.low(), "-infinity") + "|"
                + bound(d.high(), "infinity")));
        assertEquals(expected.stream().sorted().toList(), rows(type, id));
    }

    private static String bound(Instant i, String open) {
        return i == null ? open : i.toString();
    }

    private static List<String> rows(String type, String id) {
        return GatewayServer.start().getApplicationContext().getBean(ResourceStore.class).inTenant(T, s -> {
            List<String> out = new ArrayList<>();
            try (var ps = s.connection().prepareStatement("select 'token|' || param || '|' || coalesce(system, 'null')"
                    + " || '|' || value, null::timestamptz, null::timestamptz from fhir_idx_token where tenant = ? and res_type = ? and res_id = ?"
                    + " union all select 'ref|' || param || '|' || target_type || '|' || target_id, null::timestamptz, null::timestamptz"
                    + " from fhir_idx_ref where tenant = ? and res_type = ? and res_id = ?"
                    + " union all select 'date|' || param || '|', low, high from fhir_idx_date"
                    + " where tenant = ? and res_type = ? and res_id = ?")) {
                for (int i = 0; i < 3; i++) {
                    ps.setString(3 * i + 1, T);
                    ps.setString(3 * i + 2, type);
                    ps.setString(3 * i + 3, id);
                }
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String row = rs.getString(1);
                        if (row.startsWith("date|")) row += text(rs.getTimestamp(2), "-infinity") + "|" + text(rs.getTimestamp(3), "infinity");
                        out.add(row);
                    }
                }
            }
            return out.stream().sorted().toList();
        });
    }

    private static String text(Timestamp t, String infinity) {
        if (t.getTime() == org.postgresql.PGStatement.DATE_POSITIVE_INFINITY
                || t.getTime() == org.postgresql.PGStatement.DATE_NEGATIVE_INFINITY) return infinity;
        return t.toInstant().toString();
    }
}
