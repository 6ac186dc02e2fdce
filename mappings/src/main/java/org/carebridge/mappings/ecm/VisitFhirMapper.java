package org.carebridge.mappings.ecm;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.carebridge.profiles.Canonical;
import org.carebridge.rules.visits.AppointmentStatus;
import org.carebridge.rules.visits.Notification;
import org.carebridge.rules.visits.PayableReason;
import org.carebridge.rules.visits.PlannedVisit;
import org.carebridge.rules.visits.VisitException;
import org.carebridge.rules.visits.VisitJudgement;
import org.carebridge.rules.visits.WorkerPeriod;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * Maps a {@link VisitJudgement} to FHIR: Appointment (planned visit, with its status), Encounter (actual visit:
 * period per worker, check-in method, verification, payable judgement, exceptions) and a Task per notification.
 * Ids are name-based UUIDs of tenant and visit (or notification key), so mapping the same visit again, after a
 * replay or a restart, updates the same resources instead of creating new ones. Workers appear only as
 * pseudonym identifiers.
 */
public final class VisitFhirMapper {
    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private VisitFhirMapper() {}

    public static VisitResources map(VisitJudgement j) {
        PlannedVisit v = j.visit();
        Appointment appointment = appointment(j);
        Encounter encounter = null;
        if (!j.workers().isEmpty() || j.outcome() != null) {
            encounter = encounter(j, appointment.getIdElement().getIdPart());
        }
        return new VisitResources(appointment, java.util.Optional.ofNullable(encounter),
                j.notifications().stream().map(n -> task(n, appointment.getIdElement().getIdPart())).toList());
    }

    /**
     * The Appointment as the gateway stores it: under {@code refs.appointmentId()}, its references keeping the
     * mapping's identifiers and gaining the literal ids the store resolved them to (for search and access rules).
     */
    public static Appointment appointment(VisitJudgement j, VisitRefs refs) {
        Appointment a = appointment(j);
        a.setId(refs.appointmentId());
        literal(refs, a.getBasedOnFirstRep(), a.getParticipant().get(0).getActor(), a.getParticipant().get(1).getActor());
        return a;
    }

    /** The Encounter as the gateway stores it (see {@link #appointment(VisitJudgement, VisitRefs)}); null if nobody came. */
    public static Encounter encounter(VisitJudgement j, VisitRefs refs) {
        if (j.workers().isEmpty() && j.outcome() == null) {
            return null;
        }
        Encounter e = encounter(j, refs.appointmentId());
        e.setId(refs.encounterId());
        literal(refs, e.getBasedOnFirstRep(), e.getSubject(), e.getServiceProvider());
        return e;
    }

    /** The alert Tasks of the judgement's notifications, focused on the stored Appointment. */
    public static java.util.List<Task> alerts(VisitJudgement j, VisitRefs refs) {
        return j.notifications().stream().map(n -> {
            Task t = task(n, refs.appointmentId());
            literal(refs, t.getBasedOnFirstRep(), t.getFor(), t.getRequester());
            return t;
        }).toList();
    }

    /** Identifier references stay (they are what the mapping promises); literal ones are added for search and access. */
    private static void literal(VisitRefs refs, Reference order, Reference patient, Reference provider) {
        if (refs.orderResId() != null) {
            order.setReference("ServiceRequest/" + refs.orderResId());
        }
        if (refs.patientResId() != null) {
            patient.setReference("Patient/" + refs.patientResId());
        }
        if (refs.providerResId() != null && provider != null) {
            provider.setReference("Organization/" + refs.providerResId());
        }
    }

    public static String appointmentId(PlannedVisit v) {
        return uuid(v.tenant() + "/Appointment/" + v.visitId());
    }

    public static String encounterId(PlannedVisit v) {
        return uuid(v.tenant() + "/Encounter/" + v.visitId());
    }

    public static String taskId(Notification n) {
        return uuid(n.tenant() + "/Task/" + n.key());
    }

    private static Appointment appointment(VisitJudgement j) {
        PlannedVisit v = j.visit();
        Appointment a = new Appointment();
        a.setId(appointmentId(v));
        a.getMeta().addProfile(EcmSystems.PROFILE_PLANNED_VISIT);
        a.addIdentifier(new Identifier().setSystem(Canonical.ECM_VISIT).setValue(v.visitId()));
        a.setStatus(Appointment.AppointmentStatus.fromCode(j.status().code()));
        a.setStartElement(instant(v.start()));
        a.setEndElement(instant(v.end()));
        a.addBasedOn(order(v));
        a.addExtension(EcmSystems.EXT_TIME_CRITICAL, new BooleanType(v.timeCritical()));
        a.addExtension(EcmSystems.EXT_WORKERS_REQUIRED, new IntegerType(v.workersRequired()));
        a.addParticipant().setActor(patient(v)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        a.addParticipant().setActor(provider(v)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        if (j.status() == AppointmentStatus.CANCELLED) {
            j.exceptions().stream().findFirst().ifPresent(e -> a.setCancelationReason(exception(e)));
        } else if (j.status() == AppointmentStatus.NOSHOW) {
            // R4's invariant app-4 spells the status "no-show", so a noshow Appointment cannot carry a
            // cancelationReason and still validate: the reason travels as the VisitException extension.
            j.exceptions().stream().findFirst().ifPresent(e -> a.addExtension(EcmSystems.EXT_VISIT_EXCEPTION, exception(e)));
        }
        return a;
    }

    private static Encounter encounter(VisitJudgement j, String appointmentId) {
        PlannedVisit v = j.visit();
        Encounter e = new Encounter();
        e.setId(encounterId(v));
        e.getMeta().addProfile(EcmSystems.PROFILE_ACTUAL_VISIT);
        e.addIdentifier(new Identifier().setSystem(Canonical.ECM_VISIT).setValue(v.visitId()));
        e.setStatus(switch (j.status()) {
            case ARRIVED -> Encounter.EncounterStatus.INPROGRESS;
            case FULFILLED -> Encounter.EncounterStatus.FINISHED;
            case BOOKED -> Encounter.EncounterStatus.PLANNED;
            case NOSHOW, CANCELLED -> Encounter.EncounterStatus.CANCELLED;
        });
        e.setClass_(new Coding(ACT_CODE, "HH", "home health"));
        e.setSubject(patient(v));
        e.addBasedOn(order(v));
        e.addAppointment(new Reference("Appointment/" + appointmentId));
        e.setServiceProvider(provider(v));
        if (j.actualStart() != null || j.actualEnd() != null) {
            Period p = new Period();
            if (j.actualStart() != null) {
                p.setStartElement(dateTime(j.actualStart()));
            }
            if (j.actualEnd() != null) {
                p.setEndElement(dateTime(j.actualEnd()));
            }
            e.setPeriod(p);
        }
        for (WorkerPeriod w : j.workers()) {
            Encounter.EncounterParticipantComponent part = e.addParticipant();
            part.setIndividual(new Reference().setType("Practitioner").setIdentifier(
                    new Identifier().setSystem(Canonical.CARE_WORKER_PSEUDONYM).setValue(w.worker())));
            Period p = new Period();
            if (w.checkIn() != null) {
                p.setStartElement(dateTime(w.checkIn()));
            }
            if (w.checkOut() != null) {
                p.setEndElement(dateTime(w.checkOut()));
            }
            part.setPeriod(p);
            if (w.checkInMethod() != null) {
                part.addExtension(EcmSystems.EXT_CHECK_IN_METHOD, new CodeType(w.checkInMethod().code()));
            }
            part.addExtension(EcmSystems.EXT_LOCATION_VERIFIED, new BooleanType(w.locationVerified()));
        }
        if (j.method() != null) {
            e.addExtension(EcmSystems.EXT_CHECK_IN_METHOD, new CodeType(j.method().code()));
        }
        e.addExtension(EcmSystems.EXT_LOCATION_VERIFIED, new BooleanType(j.verification().locationVerified()));
        j.verification().manualReasons().forEach(r -> e.addExtension(EcmSystems.EXT_MANUAL_ENTRY_REASON, new StringType(r)));
        Extension payable = new Extension(EcmSystems.EXT_PAYABLE);
        payable.addExtension("payable", new BooleanType(j.payable()));
        for (PayableReason r : j.payableReasons()) {
            payable.addExtension("reason", new Coding(EcmSystems.CS_PAYABLE_REASON, r.code(), null));
        }
        e.addExtension(payable);
        for (VisitException x : j.exceptions()) {
            e.addExtension(EcmSystems.EXT_VISIT_EXCEPTION, exception(x));
        }
        return e;
    }

    private static Task task(Notification n, String appointmentId) {
        Task t = new Task();
        t.setId(taskId(n));
        t.getMeta().addProfile(EcmSystems.PROFILE_ALERT);
        t.addIdentifier(new Identifier().setSystem(EcmSystems.ALERT_KEY).setValue(n.key()));
        t.setStatus(Task.TaskStatus.REQUESTED);
        t.setIntent(Task.TaskIntent.ORDER);
        // K:2315: these are "immediate" notifications to the council.
        t.setPriority(Task.TaskPriority.ASAP);
        t.setCode(new CodeableConcept(new Coding(EcmSystems.CS_NOTIFICATION_REASON, n.reason(), null)));
        t.setDescription(n.detail() + " (" + n.source() + ")");
        t.setFocus(new Reference("Appointment/" + appointmentId));
        t.setFor(new Reference().setType("Patient").setIdentifier(
                new Identifier().setSystem(Canonical.MOSAIC_PERSON).setValue(n.clientId())));
        t.addBasedOn(new Reference().setType("ServiceRequest").setIdentifier(
                new Identifier().setSystem(Canonical.MOSAIC_ORDER).setValue(n.orderId())));
        t.setAuthoredOnElement(dateTime(n.at()));
        // Raised on the provider's data and shown to the provider; owned by the council to act on.
        if (n.providerId() != null) {
            t.setRequester(new Reference().setType("Organization").setIdentifier(
                    new Identifier().setSystem(EcmSystems.PROVIDER).setValue(n.providerId())));
        }
        t.setOwner(new Reference().setType("Organization").setIdentifier(
                new Identifier().setSystem(EcmSystems.TENANT).setValue(n.tenant())));
        return t;
    }

    private static CodeableConcept exception(VisitException x) {
        CodeableConcept c = new CodeableConcept(new Coding(EcmSystems.CS_VISIT_EXCEPTION, x.code().code(), null));
        c.setText(x.detail());
        return c;
    }

    private static Reference order(PlannedVisit v) {
        return new Reference().setType("ServiceRequest").setIdentifier(
                new Identifier().setSystem(Canonical.MOSAIC_ORDER).setValue(v.orderId()));
    }

    private static Reference patient(PlannedVisit v) {
        return new Reference().setType("Patient").setIdentifier(
                new Identifier().setSystem(Canonical.MOSAIC_PERSON).setValue(v.clientId()));
    }

    private static Reference provider(PlannedVisit v) {
        return new Reference().setType("Organization").setIdentifier(
                new Identifier().setSystem(EcmSystems.PROVIDER).setValue(v.providerId()));
    }

    private static InstantType instant(Instant t) {
        return new InstantType(Date.from(t), ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND,
                java.util.TimeZone.getTimeZone("UTC"));
    }

    private static org.hl7.fhir.r4.model.DateTimeType dateTime(Instant t) {
        return new org.hl7.fhir.r4.model.DateTimeType(Date.from(t), ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND,
                java.util.TimeZone.getTimeZone("UTC"));
    }

    static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
