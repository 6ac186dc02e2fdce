package org.carebridge.gateway.demo;

import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.*;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** A small made-up caseload: two providers, six people, their orders and this week's planned visits. */
final class DemoCaseload {
    static final String MARKER_ID = "demo-provider-1";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String[][] PEOPLE = {
            {"9990000018", "Ashdown", "Mary"}, {"9990000026", "Brook", "Arthur"}, {"9990000034", "Chalk", "Edith"},
            {"9990000042", "Downs", "Harold"}, {"9990000050", "Elm", "Violet"}, {"9990000069", "Furze", "Stanley"}};
    private static final LocalTime[] CALLS = {LocalTime.of(8, 0), LocalTime.of(12, 30), LocalTime.of(18, 0)};

    private DemoCaseload() {}

    static List<Resource> build(String tenant, LocalDate today) {
        List<Resource> out = new ArrayList<>();
        String[] providers = {MARKER_ID, "demo-provider-2"};
        String[] ods = {"DEMO1", "DEMO2"};
        for (int i = 0; i < providers.length; i++) {
            Organization org = new Organization().setName("Demo Home Care " + (i + 1)).setActive(true);
            org.setId(providers[i]);
            org.addIdentifier().setSystem(Canonical.ODS_ORGANIZATION).setValue(ods[i]);
            out.add(org);
        }
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (int p = 0; p < PEOPLE.length; p++) {
            String pid = "demo-person-" + (p + 1);
            Patient person = new Patient();
            person.setId(pid);
            person.addIdentifier().setSystem(Canonical.NHS_NUMBER).setValue(PEOPLE[p][0]);
            person.addIdentifier().setSystem(Canonical.MOSAIC_PERSON).setValue(tenant.toUpperCase() + "-" + (1000 + p));
            person.addName().setFamily(PEOPLE[p][1]).addGiven(PEOPLE[p][2]).setUse(HumanName.NameUse.OFFICIAL);
            person.setBirthDateElement(new DateType((1930 + p * 3) + "-0" + (1 + p) + "-1" + p));
            out.add(person);

            String orderId = "demo-order-" + (p + 1);
            ServiceRequest order = new ServiceRequest()
                    .setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                    .setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                    .setSubject(new Reference("Patient/" + pid))
                    .setAuthoredOnElement(new DateTimeType(Date.from(monday.minusWeeks(4).atStartOfDay(LONDON).toInstant())));
            order.setId(orderId);
            order.addIdentifier().setSystem(Canonical.MOSAIC_ORDER).setValue("SDO-" + tenant.toUpperCase() + "-" + (5000 + p));
            order.addPerformer(new Reference("Organization/" + providers[p % 2]));
            order.setCode(new CodeableConcept().setText("Home care"));
            out.add(order);

            for (int d = 0; d < 7; d++) {
                for (int c = 0; c < (p % 2 == 0 ? 3 : 2); c++) {
                    var start = monday.plusDays(d).atTime(CALLS[c]).atZone(LONDON).toInstant();
                    Appointment visit = new Appointment()
                            .setStatus(Appointment.AppointmentStatus.BOOKED)
                            .setStart(Date.from(start)).setEnd(Date.from(start.plusSeconds(1800)));
                    visit.setId("demo-visit-" + (p + 1) + "-" + d + "-" + c);
                    visit.addBasedOn(new Reference("ServiceRequest/" + orderId));
                    visit.addParticipant().setActor(new Reference("Patient/" + pid))
                            .setStatus(Appointment.ParticipationStatus.ACCEPTED);
                    visit.addParticipant().setActor(new Reference("Organization/" + providers[p % 2]))
                            .setStatus(Appointment.ParticipationStatus.ACCEPTED);
                    out.add(visit);
                }
            }
        }
        return out;
    }
}
