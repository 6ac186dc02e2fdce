package org.carebridge.mappings.ecm;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.carebridge.mappings.common.Json;
import org.carebridge.profiles.Canonical;
import org.carebridge.rules.visits.AppointmentStatus;
import org.carebridge.rules.visits.PayableReason;
import org.carebridge.rules.visits.PlannedVisit;
import org.carebridge.rules.visits.VisitException;
import org.carebridge.rules.visits.VisitJudgement;
import org.carebridge.rules.visits.WorkerPeriod;

/**
 * The visit's Appointment and Encounter written straight to JSON from the judgement, without building HAPI model
 * objects: the same bytes HAPI's compact JSON encoder writes for {@link VisitFhirMapper#appointment(VisitJudgement,
 * VisitRefs)} and {@link VisitFhirMapper#encounter(VisitJudgement, VisitRefs)} (no versionId or lastUpdated: the
 * store adds those), which the store keeps and sends as is. The order of elements is HAPI's (the R4 element order),
 * strings are escaped as HAPI's Jackson writer escapes them. Proven over a wide table of judgements by
 * VisitJsonTest; {@link #fits} says when a judgement is inside what was proven, so anything outside (blank texts,
 * odd ids, years HAPI's calendar writes otherwise) goes to HAPI instead.
 */
public final class VisitJson {
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private VisitJson() {}

    /** True when {@link #appointment} and {@link #encounter} give HAPI's bytes for this judgement and these refs. */
    public static boolean fits(VisitJudgement j, VisitRefs refs) {
        PlannedVisit v = j.visit();
        if (!id(refs.appointmentId()) || !id(refs.encounterId()) || !optionalId(refs.orderResId())
                || !optionalId(refs.patientResId()) || !optionalId(refs.providerResId())) {
            return false;
        }
        if (!text(v.visitId()) || !text(v.orderId()) || !text(v.clientId()) || !text(v.providerId())) {
            return false;
        }
        if (!time(v.start()) || !time(v.end()) || !optionalTime(j.actualStart()) || !optionalTime(j.actualEnd())) {
            return false;
        }
        for (WorkerPeriod w : j.workers()) {
            if (!text(w.worker()) || !optionalTime(w.checkIn()) || !optionalTime(w.checkOut())) {
                return false;
            }
        }
        for (VisitException x : j.exceptions()) {
            if (x.detail() != null && !text(x.detail())) {
                return false;
            }
        }
        for (String r : j.verification().manualReasons()) {
            if (!text(r)) {
                return false;
            }
        }
        return true;
    }

    /** The stored Appointment's JSON without versionId and lastUpdated. */
    public static String appointment(VisitJudgement j, VisitRefs refs) {
        PlannedVisit v = j.visit();
        StringBuilder b = head("Appointment", refs.appointmentId(), EcmSystems.PROFILE_PLANNED_VISIT);
        ext(b, EcmSystems.EXT_TIME_CRITICAL).append(",\"valueBoolean\":").append(v.timeCritical()).append("},");
        ext(b, EcmSystems.EXT_WORKERS_REQUIRED).append(",\"valueInteger\":").append(v.workersRequired()).append('}');
        VisitException first = j.exceptions().isEmpty() ? null : j.exceptions().get(0);
        if (j.status() == AppointmentStatus.NOSHOW && first != null) {
            b.append(',');
            ext(b, EcmSystems.EXT_VISIT_EXCEPTION).append(",\"valueCodeableConcept\":");
            exception(b, first).append('}');
        }
        b.append("],\"identifier\":[");
        identifier(b, Canonical.ECM_VISIT, v.visitId());
        b.append("],\"status\":\"").append(j.status().code()).append('"');
        if (j.status() == AppointmentStatus.CANCELLED && first != null) {
            b.append(",\"cancelationReason\":");
            exception(b, first);
        }
        b.append(",\"start\":");
        time(b, v.start());
        b.append(",\"end\":");
        time(b, v.end());
        b.append(",\"basedOn\":[");
        reference(b, "ServiceRequest", refs.orderResId(), Canonical.MOSAIC_ORDER, v.orderId());
        b.append("],\"participant\":[{\"actor\":");
        reference(b, "Patient", refs.patientResId(), Canonical.MOSAIC_PERSON, v.clientId());
        b.append(",\"status\":\"accepted\"},{\"actor\":");
        reference(b, "Organization", refs.providerResId(), EcmSystems.PROVIDER, v.providerId());
        return b.append(",\"status\":\"accepted\"}]}").toString();
    }

    /** The stored Encounter's JSON without versionId and lastUpdated; null when the visit has none (nobody came). */
    public static String encounter(VisitJudgement j, VisitRefs refs) {
        if (j.workers().isEmpty() && j.outcome() == null) {
            return null;
        }
        PlannedVisit v = j.visit();
        StringBuilder b = head("Encounter", refs.encounterId(), EcmSystems.PROFILE_ACTUAL_VISIT);
        if (j.method() != null) {
            ext(b, EcmSystems.EXT_CHECK_IN_METHOD).append(",\"valueCode\":\"").append(j.method().code()).append("\"},");
        }
        ext(b, EcmSystems.EXT_LOCATION_VERIFIED).append(",\"valueBoolean\":")
                .append(j.verification().locationVerified()).append('}');
        for (String r : j.verification().manualReasons()) {
            b.append(',');
            ext(b, EcmSystems.EXT_MANUAL_ENTRY_REASON).append(",\"valueString\":");
            str(b, r).append('}');
        }
        b.append(',');
        ext(b, EcmSystems.EXT_PAYABLE).append(",\"extension\":[{\"url\":\"payable\",\"valueBoolean\":")
                .append(j.payable()).append('}');
        for (PayableReason r : j.payableReasons()) {
            b.append(",{\"url\":\"reason\",\"valueCoding\":{\"system\":");
            str(b, EcmSystems.CS_PAYABLE_REASON).append(",\"code\":");
            str(b, r.code()).append("}}");
        }
        b.append("]}");
        for (VisitException x : j.exceptions()) {
            b.append(',');
            ext(b, EcmSystems.EXT_VISIT_EXCEPTION).append(",\"valueCodeableConcept\":");
            exception(b, x).append('}');
        }
        b.append("],\"identifier\":[");
        identifier(b, Canonical.ECM_VISIT, v.visitId());
        b.append("],\"status\":\"").append(switch (j.status()) {
            case ARRIVED -> "in-progress";
            case FULFILLED -> "finished";
            case BOOKED -> "planned";
            case NOSHOW, CANCELLED -> "cancelled";
        }).append('"');
        b.append(",\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"HH\","
                + "\"display\":\"home health\"},\"subject\":");
        reference(b, "Patient", refs.patientResId(), Canonical.MOSAIC_PERSON, v.clientId());
        b.append(",\"basedOn\":[");
        reference(b, "ServiceRequest", refs.orderResId(), Canonical.MOSAIC_ORDER, v.orderId());
        b.append(']');
        if (!j.workers().isEmpty()) {
            b.append(",\"participant\":[");
            boolean firstWorker = true;
            for (WorkerPeriod w : j.workers()) {
                if (!firstWorker) {
                    b.append(',');
                }
                firstWorker = false;
                b.append("{\"extension\":[");
                if (w.checkInMethod() != null) {
                    ext(b, EcmSystems.EXT_CHECK_IN_METHOD).append(",\"valueCode\":\"").append(w.checkInMethod().code())
                            .append("\"},");
                }
                ext(b, EcmSystems.EXT_LOCATION_VERIFIED).append(",\"valueBoolean\":").append(w.locationVerified())
                        .append("}]");
                if (w.checkIn() != null || w.checkOut() != null) {
                    b.append(",\"period\":");
                    period(b, w.checkIn(), w.checkOut());
                }
                b.append(",\"individual\":{\"type\":\"Practitioner\",\"identifier\":");
                identifier(b, Canonical.CARE_WORKER_PSEUDONYM, w.worker());
                b.append("}}");
            }
            b.append(']');
        }
        b.append(",\"appointment\":[{\"reference\":");
        str(b, "Appointment/" + refs.appointmentId()).append("}]");
        if (j.actualStart() != null || j.actualEnd() != null) {
            b.append(",\"period\":");
            period(b, j.actualStart(), j.actualEnd());
        }
        b.append(",\"serviceProvider\":");
        reference(b, "Organization", refs.providerResId(), EcmSystems.PROVIDER, v.providerId());
        return b.append('}').toString();
    }

    /** resourceType, id and meta (its profile), then the opening of the resource's extensions. */
    private static StringBuilder head(String type, String id, String profile) {
        StringBuilder b = new StringBuilder(2048);
        b.append("{\"resourceType\":\"").append(type).append("\",\"id\":");
        str(b, id).append(",\"meta\":{\"profile\":[");
        return str(b, profile).append("]},\"extension\":[");
    }

    private static StringBuilder ext(StringBuilder b, String url) {
        b.append("{\"url\":");
        return str(b, url);
    }

    private static StringBuilder exception(StringBuilder b, VisitException x) {
        b.append("{\"coding\":[{\"system\":");
        str(b, EcmSystems.CS_VISIT_EXCEPTION).append(",\"code\":");
        str(b, x.code().code()).append("}]");
        if (x.detail() != null) {
            b.append(",\"text\":");
            str(b, x.detail());
        }
        return b.append('}');
    }

    private static void identifier(StringBuilder b, String system, String value) {
        b.append("{\"system\":");
        str(b, system).append(",\"value\":");
        str(b, value).append('}');
    }

    private static void reference(StringBuilder b, String type, String literalId, String system, String value) {
        b.append('{');
        if (literalId != null) {
            b.append("\"reference\":");
            str(b, type + "/" + literalId).append(',');
        }
        b.append("\"type\":\"").append(type).append("\",\"identifier\":");
        identifier(b, system, value);
        b.append('}');
    }

    private static void period(StringBuilder b, Instant start, Instant end) {
        b.append('{');
        if (start != null) {
            b.append("\"start\":");
            time(b, start);
        }
        if (end != null) {
            if (start != null) {
                b.append(',');
            }
            b.append("\"end\":");
            time(b, end);
        }
        b.append('}');
    }

    /** As HAPI writes an instant or dateTime of second precision in UTC: {@code "2026-03-02T09:00:00+00:00"}. */
    private static void time(StringBuilder b, Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(Math.floorDiv(t.toEpochMilli(), 1000L), 0, ZoneOffset.UTC);
        b.append('"').append(d.getYear()).append('-');
        two(b, d.getMonthValue()).append('-');
        two(b, d.getDayOfMonth()).append('T');
        two(b, d.getHour()).append(':');
        two(b, d.getMinute()).append(':');
        two(b, d.getSecond()).append("+00:00\"");
    }

    private static StringBuilder two(StringBuilder b, int n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    private static StringBuilder str(StringBuilder b, String s) {
        b.append('"');
        Json.escape(b, s);
        return b.append('"');
    }

    /** A FHIR id: 1-64 of A-Z, a-z, 0-9, '-' and '.'. */
    private static boolean id(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean optionalId(String s) {
        return s == null || id(s);
    }

    /** HAPI leaves out a blank string (and would then leave out elements around it): not written here. */
    private static boolean text(String s) {
        return s != null && !s.isBlank();
    }

    private static boolean time(Instant t) {
        return t != null && !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
    }

    private static boolean optionalTime(Instant t) {
        return t == null || time(t);
    }
}
