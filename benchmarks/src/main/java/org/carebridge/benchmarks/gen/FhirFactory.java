package org.carebridge.benchmarks.gen;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.carebridge.benchmarks.gen.Model.Person;
import org.carebridge.benchmarks.gen.Model.Provider;
import org.carebridge.benchmarks.gen.Model.Visit;
import org.carebridge.profiles.Canonical;
import org.carebridge.profiles.Profiles;
import org.hl7.fhir.r4.model.*;

import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

/**
 * The synthetic world as FHIR R4 resources with client-assigned ids (a prefix plus the record's index), so a
 * load run can read and search them on any server without first asking it what ids it chose.
 */
public final class FhirFactory {
    private static final FhirContext CTX = FhirContext.forR4Cached();
    private final String prefix;

    public FhirFactory(String prefix) {
        if (!prefix.matches("[A-Za-z][A-Za-z0-9-]{0,20}")) throw new IllegalArgumentException("--id-prefix: letters, digits and '-', starting with a letter");
        this.prefix = prefix;
    }

    public static FhirContext context() {
        return CTX;
    }

    public String patientId(int person) {
        return prefix + "p" + person;
    }

    public String organizationId(int provider) {
        return prefix + "o" + provider;
    }

    public String careRoleId(int provider) {
        return prefix + "r" + provider;
    }

    public String orderId(int person) {
        return prefix + "s" + person;
    }

    public String appointmentId(int person, int day, int slot) {
        return prefix + "a" + person + "-" + day + "-" + slot;
    }

    public Organization organization(Provider p) {
        Organization o = new Organization();
        o.setId(organizationId(p.index()));
        o.addIdentifier().setSystem(Canonical.ODS_ORGANIZATION).setValue(p.odsCode());
        o.addIdentifier().setSystem(Canonical.CQC_LOCATION).setValue(p.cqcLocationId());
        o.setActive(true).setName(p.name());
        return o;
    }

    /**
     * The provider's home-care worker role: who a planned visit names beside the person. R4 does not allow an
     * Organization as Appointment.participant.actor; the gateway's rota intake takes the provider from the order's
     * performer, and the PlannedVisit profile's example names a PractitionerRole.
     */
    public PractitionerRole careRole(Provider p) {
        PractitionerRole r = new PractitionerRole();
        r.setId(careRoleId(p.index()));
        r.setActive(true);
        r.setOrganization(new Reference("Organization/" + organizationId(p.index())));
        r.addCode().setText("Home care worker");
        return r;
    }

    public Patient patient(Person p) {
        Patient pt = new Patient();
        pt.setId(patientId(p.index()));
        if (p.nhsNumber() != null) {
            Identifier nhs = pt.addIdentifier().setSystem(Canonical.NHS_NUMBER).setValue(p.nhsNumber());
            nhs.addExtension(Canonical.NHS_NUMBER_VERIFICATION_STATUS_EXT, new CodeableConcept().addCoding(
                    new Coding(Canonical.NHS_NUMBER_VERIFICATION_STATUS_CS, "01", "Number present and verified")));
        }
        pt.addIdentifier().setSystem(Canonical.MOSAIC_PERSON).setValue(p.personId());
        pt.addName().setFamily(p.family()).addGiven(p.given()).addPrefix(p.title());
        pt.setGender(Enumerations.AdministrativeGender.fromCode(p.gender()));
        pt.setBirthDate(Date.from(p.birthDate().atStartOfDay().toInstant(ZoneOffset.UTC)));
        pt.addAddress().addLine(p.addressLine()).setCity(p.town()).setPostalCode(p.postcode());
        return pt;
    }

    /**
     * The person's order for care (the council's SDO) placed with the provider: what gives that provider access to
     * the person under data protection (the gateway keeps an access grant per active order's performer).
     */
    public ServiceRequest order(Model.Order o) {
        ServiceRequest sr = new ServiceRequest();
        sr.setId(orderId(o.personIndex()));
        sr.addIdentifier().setSystem(Canonical.MOSAIC_ORDER).setValue(o.orderNumber());
        sr.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE).setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        sr.getCode().setText("Home care");
        sr.setSubject(new Reference("Patient/" + patientId(o.personIndex())));
        sr.addPerformer(new Reference("Organization/" + organizationId(o.providerIndex())));
        sr.getOccurrencePeriod().setStart(Date.from(o.start().atStartOfDay().toInstant(ZoneOffset.UTC)));
        return sr;
    }

    /**
     * A planned visit as the PlannedVisit profile has it: booked, based on its order, participant[0] the person,
     * participant[1] the provider's care-worker role (performance.md's shape named the Organization there, which R4
     * does not allow), time-critical and workers-required as the profile's extensions.
     */
    public Appointment appointment(Visit v, String orderNumber) {
        Appointment a = new Appointment();
        a.setId(appointmentId(v.personIndex(), v.day(), v.slot()));
        a.addIdentifier().setSystem(Canonical.ECM_VISIT).setValue(v.visitId());
        a.setStatus(Appointment.AppointmentStatus.BOOKED);
        a.addExtension(Profiles.Ext.TIME_CRITICAL, new BooleanType(v.timeCritical()));
        a.addExtension(Profiles.Ext.WORKERS_REQUIRED, new PositiveIntType(v.workers()));
        // A planned visit belongs to its order: the gateway's rota intake refuses one that names none it holds.
        a.addBasedOn(new Reference("ServiceRequest/" + orderId(v.personIndex())));
        a.addServiceCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/service-category")
                .setCode("31").setDisplay("Community Care");
        a.setStart(Date.from(v.plannedStart().toInstant(ZoneOffset.UTC)));
        a.setEnd(Date.from(v.plannedStart().plusMinutes(v.minutes()).toInstant(ZoneOffset.UTC)));
        a.setMinutesDuration(v.minutes());
        a.setPriority(v.timeCritical() ? 1 : 5);
        a.addParticipant().setActor(new Reference("Patient/" + patientId(v.personIndex())))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        a.addParticipant().setActor(new Reference("PractitionerRole/" + careRoleId(v.providerIndex())))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        a.setComment(v.workers() == 2 ? "two workers" : null);
        return a;
    }

    /** A transaction Bundle that PUTs each resource at its own id (creates it, or updates it on a re-run). */
    public static Bundle transaction(List<? extends Resource> resources) {
        Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource r : resources) {
            String url = r.fhirType() + "/" + r.getIdElement().getIdPart();
            b.addEntry().setResource(r).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
        }
        return b;
    }

    public static IParser json() {
        return CTX.newJsonParser().setPrettyPrint(false);
    }
}
