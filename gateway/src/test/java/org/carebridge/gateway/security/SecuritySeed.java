package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.*;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The people, orders, visits and flags the security tests look at, written once per JVM under a council token
 * in tenant kent. Providers PA1 and PB1, hospital RH1, care workers worker-a1 (PA1) and worker-b1 (PB1).
 * <pre>
 * P1  order O1 with PA1, active          P4  order O4 with PA1, ended 3 days ago (inside the grace period)
 * P2  order O2 with PB1, active          P5  order O5 with PA1, active, but P5 objects to sharing with providers
 * P3  order O3 with PA1, ended 30 days   P6  referral R6 sent by hospital RH1
 * P7  referral R7, offered to PA1 (offer Task TO1, open)     P8  referral R8, offered to PB1 (TO2)
 * P9  referral R9, offer to PA1 declined (TO9)               P5  offer TO5 to PA1 (but P5 objects)
 * </pre>
 */
public final class SecuritySeed {
    public static final String RESTRICTED_FLAG = Canonical.codeSystem("RestrictedFlagType");
    public static final String SHARING_SCOPE = Canonical.codeSystem("SharingScope");
    public static final String NI_SYSTEM = "https://fhir.hl7.org.uk/Id/national-insurance-number";
    public static final String WORKER_SYSTEM = "https://provider.test/Id/worker";

    /** key (P1, O1, A1...) -> "Type/id" */
    private static final Map<String, String> ids = new LinkedHashMap<>();
    private static boolean done;

    private SecuritySeed() {}

    public static synchronized Map<String, String> ensure() {
        if (done) return ids;
        IGenericClient c = GatewayServer.client("kent");
        Instant now = Instant.now();
        put(c, "ProvA", org("PA1", "Provider A"));
        put(c, "ProvB", org("PB1", "Provider B"));
        put(c, "Hosp", org("RH1", "Hospital H"));
        put(c, "W1", worker("worker-a1", "QQ123456C", "psd-a1", "Alice", "Worker"));
        put(c, "W2", worker("worker-b1", "QQ654321A", "psd-b1", "Bob", "Worker"));
        put(c, "PR1", new PractitionerRole().setPractitioner(ref("W1")).setOrganization(ref("ProvA")));
        put(c, "PR2", new PractitionerRole().setPractitioner(ref("W2")).setOrganization(ref("ProvB")));
        for (int i = 1; i <= 9; i++) {
            Patient p = new Patient();
            p.addIdentifier().setSystem(Canonical.NHS_NUMBER).setValue("999000000" + i);
            p.addName().setFamily("Person" + i).addGiven("Test");
            p.addAddress().setPostalCode("ME1 " + i + "AA");
            p.addContact().addTelecom().setValue("0700000000" + i);
            put(c, "P" + i, p);
        }
        put(c, "O1", order("P1", "ProvA", ServiceRequest.ServiceRequestStatus.ACTIVE, null));
        put(c, "O2", order("P2", "ProvB", ServiceRequest.ServiceRequestStatus.ACTIVE, null));
        put(c, "O3", order("P3", "ProvA", ServiceRequest.ServiceRequestStatus.COMPLETED, now.minus(Duration.ofDays(30))));
        put(c, "O4", order("P4", "ProvA", ServiceRequest.ServiceRequestStatus.COMPLETED, now.minus(Duration.ofDays(3))));
        put(c, "O5", order("P5", "ProvA", ServiceRequest.ServiceRequestStatus.ACTIVE, null));
        ServiceRequest referral = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(ref("P6")).setRequester(ref("Hosp"));
        referral.addIdentifier().setSystem(Canonical.REFERRAL).setValue("ref-6");
        referral.addSupportingInfo().setIdentifier(new Identifier().setSystem(Canonical.ACCESS_ARRANGEMENT_REF).setValue("acc-6"));
        put(c, "R6", referral);
        put(c, "R7", offered("P7", "acc-7"));
        put(c, "R8", offered("P8", "acc-8"));
        put(c, "R9", offered("P9", "acc-9"));
        put(c, "TO1", offer("R7", "P7", "ProvA", Task.TaskStatus.REQUESTED));
        put(c, "TO2", offer("R8", "P8", "ProvB", Task.TaskStatus.REQUESTED));
        put(c, "TO9", offer("R9", "P9", "ProvA", Task.TaskStatus.REJECTED));
        put(c, "TO5", offer("O5", "P5", "ProvA", Task.TaskStatus.REQUESTED));
        put(c, "A1", visit("P1", "O1", "W1", now.plus(Duration.ofDays(2))));
        put(c, "A1late", visit("P1", "O1", "W1", now.plus(Duration.ofDays(10))));
        put(c, "A1past", visit("P1", "O1", "W1", now.minus(Duration.ofDays(3))));
        put(c, "A2", visit("P2", "O2", "W2", now.plus(Duration.ofDays(1))));
        put(c, "E1", encounter("P1", "O1", "W1", "ProvA", now.plus(Duration.ofMinutes(30))));
        put(c, "E2", encounter("P2", "O2", "W2", "ProvB", now.plus(Duration.ofMinutes(30))));
        put(c, "CP1", new CarePlan().setStatus(CarePlan.CarePlanStatus.ACTIVE).setIntent(CarePlan.CarePlanIntent.PLAN).setSubject(ref("P1")));
        put(c, "CP2", new CarePlan().setStatus(CarePlan.CarePlanStatus.ACTIVE).setIntent(CarePlan.CarePlanIntent.PLAN).setSubject(ref("P2")));
        Task t1 = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER).setFocus(ref("O1"))
                .setFor(ref("P1")).setOwner(ref("ProvA"));
        put(c, "T1", t1);
        put(c, "T6", new Task().setStatus(Task.TaskStatus.ACCEPTED).setIntent(Task.TaskIntent.ORDER).setFocus(ref("R6")).setFor(ref("P6")));
        put(c, "F1s", flag("P1", "safeguarding", null));
        put(c, "F1a", flag("P1", "access-arrangement", "Test Person1"));
        put(c, "F2a", flag("P2", "access-arrangement", null));
        put(c, "K1", objection("P1", "family", "The person does not want her son told"));
        put(c, "K5", objection("P5", "provider", null));
        done = true;
        return ids;
    }

    public static String id(String key) {
        return ensure().get(key);
    }

    public static String idPart(String key) {
        return id(key).substring(id(key).indexOf('/') + 1);
    }

    public static Reference ref(String key) {
        return new Reference(ids.get(key));
    }

    private static void put(IGenericClient c, String key, Resource r) {
        ids.put(key, r.fhirType() + "/" + c.create().resource(r).execute().getId().getIdPart());
    }

    private static Organization org(String ods, String name) {
        Organization o = new Organization().setName(name);
        o.addIdentifier().setSystem(Canonical.ODS_ORGANIZATION).setValue(ods);
        return o;
    }

    private static Practitioner worker(String workerId, String ni, String pseudonym, String given, String family) {
        Practitioner p = new Practitioner();
        p.addIdentifier().setSystem(WORKER_SYSTEM).setValue(workerId);
        p.addIdentifier().setSystem(NI_SYSTEM).setValue(ni);
        p.addIdentifier().setSystem(Canonical.CARE_WORKER_PSEUDONYM).setValue(pseudonym);
        p.addName().setFamily(family).addGiven(given);
        return p;
    }

    private static ServiceRequest order(String patient, String provider, ServiceRequest.ServiceRequestStatus status, Instant end) {
        ServiceRequest sr = new ServiceRequest().setStatus(status).setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                .setSubject(ref(patient));
        sr.addPerformer(ref(provider));
        Period p = new Period().setStart(Date.from(Instant.now().minus(Duration.ofDays(60))));
        if (end != null) p.setEnd(Date.from(end));
        sr.setOccurrence(p);
        return sr;
    }

    /** A referral being brokered: no performer yet, an access code the assigned provider will need. */
    private static ServiceRequest offered(String patient, String accessCode) {
        ServiceRequest sr = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.DRAFT)
                .setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL).setSubject(ref(patient));
        sr.addSupportingInfo().setIdentifier(new Identifier().setSystem(Canonical.ACCESS_ARRANGEMENT_REF).setValue(accessCode));
        sr.addNote().setText("Two calls a day after discharge");
        return sr;
    }

    /** An offer to a provider, as brokerage writes it: a Task it owns, focused on the referral. */
    private static Task offer(String referral, String patient, String provider, Task.TaskStatus status) {
        return new Task().setStatus(status).setIntent(Task.TaskIntent.PROPOSAL).setFocus(ref(referral)).setFor(ref(patient))
                .setOwner(ref(provider));
    }

    private static Appointment visit(String patient, String order, String worker, Instant start) {
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED)
                .setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
        a.addBasedOn(ref(order));
        a.addParticipant().setActor(ref(patient)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        a.addParticipant().setActor(ref(worker).setDisplay("Worker Name")).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return a;
    }

    private static Encounter encounter(String patient, String order, String worker, String provider, Instant start) {
        Encounter e = new Encounter().setStatus(Encounter.EncounterStatus.INPROGRESS)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HH", "home health"))
                .setSubject(ref(patient)).setServiceProvider(ref(provider))
                .setPeriod(new Period().setStart(Date.from(start)));
        e.addBasedOn(ref(order));
        e.addParticipant().setIndividual(ref(worker));
        return e;
    }

    private static Flag flag(String patient, String code, String display) {
        Flag f = new Flag().setStatus(Flag.FlagStatus.ACTIVE)
                .setCode(new CodeableConcept(new Coding(RESTRICTED_FLAG, code, null)));
        f.setSubject(ref(patient).setDisplay(display));
        return f;
    }

    static Consent objection(String patient, String scope, String reason) {
        Consent k = new Consent().setStatus(Consent.ConsentState.ACTIVE).setPatient(ref(patient))
                .setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        k.addCategory(new CodeableConcept(new Coding(SHARING_SCOPE, scope, null)));
        if (reason != null) k.setPolicyRule(new CodeableConcept().setText(reason));
        k.getProvision().setType(Consent.ConsentProvisionType.DENY);
        return k;
    }

    public static List<String> keysOf(String type) {
        return ensure().entrySet().stream().filter(e -> e.getValue().startsWith(type + "/")).map(Map.Entry::getKey).toList();
    }
}
