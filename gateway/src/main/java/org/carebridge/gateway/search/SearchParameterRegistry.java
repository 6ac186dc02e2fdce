package org.carebridge.gateway.search;

import org.hl7.fhir.r4.model.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The search parameters the gateway supports, per resource type. This single table drives indexing on write,
 * parsing and SQL on search, the allowed _include values and the CapabilityStatement, so they cannot disagree.
 */
public final class SearchParameterRegistry {

    /** The resource types served, in CapabilityStatement order. */
    public static final List<Class<? extends Resource>> RESOURCE_TYPES = List.of(
            Patient.class, Organization.class, Practitioner.class, PractitionerRole.class, CarePlan.class,
            ServiceRequest.class, Appointment.class, Encounter.class, Task.class, Consent.class,
            Communication.class, Flag.class, Subscription.class);

    /**
     * Reference parameters whose index rows also carry the resource's value of a date parameter (type, reference
     * parameter, date parameter), so that a search by both — a person's visits in a week, the provider's hot search —
     * reads one range of one index instead of probing each of the person's resources for each date bound. Only for a
     * date parameter with at most one value per resource (Appointment.start is 0..1): a search's date criteria are
     * then all tested on the one row, which is what FHIR asks. A pair added here needs a migration that fills the
     * rows already stored (V4 did Appointment's).
     */
    private static final Map<String, Map<String, String>> DATED_REFERENCES = Map.of(
            "Appointment", Map.of("patient", "date"));

    private final Map<String, Map<String, SearchParamDef>> byType = new LinkedHashMap<>();

    public SearchParameterRegistry() {
        patient();
        organization();
        practitioner();
        practitionerRole();
        carePlan();
        serviceRequest();
        appointment();
        encounter();
        task();
        consent();
        communication();
        flag();
        subscription();
    }

    public Optional<SearchParamDef> find(String resourceType, String name) {
        return Optional.ofNullable(byType.getOrDefault(resourceType, Map.of()).get(name));
    }

    public Collection<SearchParamDef> forType(String resourceType) {
        return byType.getOrDefault(resourceType, Map.of()).values();
    }

    public boolean supportsType(String resourceType) {
        return byType.containsKey(resourceType);
    }

    /** Allowed _include values of a type: every reference parameter, as {@code Type:param}. */
    public List<String> includes(String resourceType) {
        return forType(resourceType).stream().filter(p -> p.type() == SearchParamType.REFERENCE)
                .map(p -> resourceType + ":" + p.name()).toList();
    }

    /** The date parameter whose value the rows of this reference parameter carry, or null. */
    public static String datedBy(String resourceType, String refParam) {
        return DATED_REFERENCES.getOrDefault(resourceType, Map.of()).get(refParam);
    }

    /**
     * The date range the index rows of this reference parameter carry for a resource with these index entries: its
     * one value of the {@link #datedBy} parameter, or null (not a dated reference, or the resource has no date).
     */
    public static IndexEntries.DateRange datedRange(String resourceType, String refParam, IndexEntries idx) {
        String dateParam = datedBy(resourceType, refParam);
        if (dateParam == null) return null;
        IndexEntries.DateRange found = null;
        for (IndexEntries.DateRange d : idx.dates()) {
            if (!d.param().equals(dateParam)) continue;
            if (found != null) {
                throw new IllegalStateException(resourceType + "." + dateParam + " has two values: it cannot date "
                        + refParam + "'s index rows");
            }
            found = d;
        }
        return found;
    }

    private void patient() {
        identifier("Patient", r -> ((Patient) r).getIdentifier());
    }

    private void organization() {
        identifier("Organization", r -> ((Organization) r).getIdentifier());
    }

    private void practitioner() {
        identifier("Practitioner", r -> ((Practitioner) r).getIdentifier());
    }

    private void practitionerRole() {
        String t = "PractitionerRole";
        identifier(t, r -> ((PractitionerRole) r).getIdentifier());
        reference(t, "practitioner", "PractitionerRole.practitioner", List.of("Practitioner"),
                r -> List.of(((PractitionerRole) r).getPractitioner()));
        reference(t, "organization", "PractitionerRole.organization", List.of("Organization"),
                r -> List.of(((PractitionerRole) r).getOrganization()));
    }

    private void carePlan() {
        String t = "CarePlan";
        identifier(t, r -> ((CarePlan) r).getIdentifier());
        subjectAndPatient(t, "CarePlan.subject", r -> List.of(((CarePlan) r).getSubject()));
        token(t, "status", "CarePlan.status", r -> List.of(((CarePlan) r).getStatusElement()));
        token(t, "intent", "CarePlan.intent", r -> List.of(((CarePlan) r).getIntentElement()));
        token(t, "category", "CarePlan.category", r -> ((CarePlan) r).getCategory());
        reference(t, "based-on", "CarePlan.basedOn", List.of("CarePlan"), r -> ((CarePlan) r).getBasedOn());
        date(t, "date", "CarePlan.period", r -> List.of(((CarePlan) r).getPeriod()));
    }

    private void serviceRequest() {
        String t = "ServiceRequest";
        identifier(t, r -> ((ServiceRequest) r).getIdentifier());
        subjectAndPatient(t, "ServiceRequest.subject", r -> List.of(((ServiceRequest) r).getSubject()));
        token(t, "status", "ServiceRequest.status", r -> List.of(((ServiceRequest) r).getStatusElement()));
        token(t, "intent", "ServiceRequest.intent", r -> List.of(((ServiceRequest) r).getIntentElement()));
        token(t, "category", "ServiceRequest.category", r -> ((ServiceRequest) r).getCategory());
        token(t, "code", "ServiceRequest.code", r -> List.of(((ServiceRequest) r).getCode()));
        reference(t, "based-on", "ServiceRequest.basedOn", List.of("CarePlan", "ServiceRequest"),
                r -> ((ServiceRequest) r).getBasedOn());
        reference(t, "performer", "ServiceRequest.performer", List.of("Organization", "Practitioner", "PractitionerRole"),
                r -> ((ServiceRequest) r).getPerformer());
        reference(t, "requester", "ServiceRequest.requester", List.of("Organization", "Practitioner", "PractitionerRole"),
                r -> List.of(((ServiceRequest) r).getRequester()));
        date(t, "authored", "ServiceRequest.authoredOn", r -> List.of(((ServiceRequest) r).getAuthoredOnElement()));
    }

    private void appointment() {
        String t = "Appointment";
        identifier(t, r -> ((Appointment) r).getIdentifier());
        reference(t, "patient", "Appointment.participant.actor.where(resolve() is Patient)", List.of("Patient"),
                r -> actors((Appointment) r).filter(ref -> isType(ref, "Patient")).toList());
        reference(t, "actor", "Appointment.participant.actor", List.of("Patient", "Practitioner", "PractitionerRole", "Organization"),
                r -> actors((Appointment) r).toList());
        token(t, "status", "Appointment.status", r -> List.of(((Appointment) r).getStatusElement()));
        token(t, "service-category", "Appointment.serviceCategory", r -> ((Appointment) r).getServiceCategory());
        reference(t, "based-on", "Appointment.basedOn", List.of("ServiceRequest"), r -> ((Appointment) r).getBasedOn());
        date(t, "date", "Appointment.start", r -> List.of(((Appointment) r).getStartElement()));
    }

    private void encounter() {
        String t = "Encounter";
        identifier(t, r -> ((Encounter) r).getIdentifier());
        subjectAndPatient(t, "Encounter.subject", r -> List.of(((Encounter) r).getSubject()));
        token(t, "status", "Encounter.status", r -> List.of(((Encounter) r).getStatusElement()));
        token(t, "class", "Encounter.class", r -> List.of(((Encounter) r).getClass_()));
        reference(t, "based-on", "Encounter.basedOn", List.of("ServiceRequest"), r -> ((Encounter) r).getBasedOn());
        reference(t, "appointment", "Encounter.appointment", List.of("Appointment"), r -> ((Encounter) r).getAppointment());
        reference(t, "participant", "Encounter.participant.individual", List.of("Practitioner", "PractitionerRole"),
                r -> ((Encounter) r).getParticipant().stream().map(Encounter.EncounterParticipantComponent::getIndividual).toList());
        reference(t, "service-provider", "Encounter.serviceProvider", List.of("Organization"),
                r -> List.of(((Encounter) r).getServiceProvider()));
        date(t, "date", "Encounter.period", r -> List.of(((Encounter) r).getPeriod()));
    }

    private void task() {
        String t = "Task";
        identifier(t, r -> ((Task) r).getIdentifier());
        reference(t, "subject", "Task.for", List.of("Patient"), r -> List.of(((Task) r).getFor()));
        reference(t, "patient", "Task.for.where(resolve() is Patient)", List.of("Patient"),
                r -> Stream.of(((Task) r).getFor()).filter(ref -> isType(ref, "Patient")).toList());
        token(t, "status", "Task.status", r -> List.of(((Task) r).getStatusElement()));
        token(t, "intent", "Task.intent", r -> List.of(((Task) r).getIntentElement()));
        token(t, "code", "Task.code", r -> List.of(((Task) r).getCode()));
        token(t, "business-status", "Task.businessStatus", r -> List.of(((Task) r).getBusinessStatus()));
        reference(t, "owner", "Task.owner", List.of("Organization", "Practitioner", "PractitionerRole"),
                r -> List.of(((Task) r).getOwner()));
        reference(t, "requester", "Task.requester", List.of("Organization", "Practitioner", "PractitionerRole"),
                r -> List.of(((Task) r).getRequester()));
        reference(t, "focus", "Task.focus", List.of("ServiceRequest", "Appointment", "CarePlan", "Encounter"),
                r -> List.of(((Task) r).getFocus()));
        reference(t, "based-on", "Task.basedOn", List.of("ServiceRequest", "CarePlan"), r -> ((Task) r).getBasedOn());
        date(t, "authored-on", "Task.authoredOn", r -> List.of(((Task) r).getAuthoredOnElement()));
    }

    private void consent() {
        String t = "Consent";
        identifier(t, r -> ((Consent) r).getIdentifier());
        reference(t, "patient", "Consent.patient", List.of("Patient"), r -> List.of(((Consent) r).getPatient()));
        token(t, "status", "Consent.status", r -> List.of(((Consent) r).getStatusElement()));
        token(t, "category", "Consent.category", r -> ((Consent) r).getCategory());
        reference(t, "actor", "Consent.provision.actor.reference", List.of("Organization", "Practitioner", "PractitionerRole"),
                r -> ((Consent) r).getProvision().getActor().stream()
                        .map(Consent.provisionActorComponent::getReference).toList());
        date(t, "date", "Consent.dateTime", r -> List.of(((Consent) r).getDateTimeElement()));
    }

    private void communication() {
        String t = "Communication";
        identifier(t, r -> ((Communication) r).getIdentifier());
        subjectAndPatient(t, "Communication.subject", r -> List.of(((Communication) r).getSubject()));
        token(t, "status", "Communication.status", r -> List.of(((Communication) r).getStatusElement()));
        token(t, "category", "Communication.category", r -> ((Communication) r).getCategory());
        reference(t, "based-on", "Communication.basedOn", List.of("ServiceRequest", "CarePlan", "Task"),
                r -> ((Communication) r).getBasedOn());
        reference(t, "recipient", "Communication.recipient", List.of("Organization", "Practitioner", "PractitionerRole", "Patient"),
                r -> ((Communication) r).getRecipient());
        reference(t, "sender", "Communication.sender", List.of("Organization", "Practitioner", "PractitionerRole"),
                r -> List.of(((Communication) r).getSender()));
        date(t, "sent", "Communication.sent", r -> List.of(((Communication) r).getSentElement()));
    }

    private void flag() {
        String t = "Flag";
        identifier(t, r -> ((Flag) r).getIdentifier());
        subjectAndPatient(t, "Flag.subject", r -> List.of(((Flag) r).getSubject()));
        token(t, "status", "Flag.status", r -> List.of(((Flag) r).getStatusElement()));
        token(t, "category", "Flag.category", r -> ((Flag) r).getCategory());
        token(t, "code", "Flag.code", r -> List.of(((Flag) r).getCode()));
        reference(t, "author", "Flag.author", List.of("Organization", "Practitioner", "PractitionerRole"),
                r -> List.of(((Flag) r).getAuthor()));
        date(t, "date", "Flag.period", r -> List.of(((Flag) r).getPeriod()));
    }

    /** Rest-hook subscriptions of provider and hospital systems (outbound notifications, issue #9). */
    private void subscription() {
        token("Subscription", "status", "Subscription.status", r -> List.of(((Subscription) r).getStatusElement()));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static Stream<Reference> actors(Appointment a) {
        return a.getParticipant().stream().map(Appointment.AppointmentParticipantComponent::getActor);
    }

    private static boolean isType(Reference ref, String type) {
        return ref.getReferenceElement().hasResourceType() && type.equals(ref.getReferenceElement().getResourceType());
    }

    private void subjectAndPatient(String type, String path, Function<Resource, List<?>> subject) {
        reference(type, "subject", path, List.of("Patient"), subject);
        reference(type, "patient", path + ".where(resolve() is Patient)", List.of("Patient"),
                r -> subject.apply(r).stream().filter(o -> o instanceof Reference ref && isType(ref, "Patient")).toList());
    }

    private void identifier(String type, Function<Resource, List<?>> f) {
        token(type, "identifier", type + ".identifier", f);
    }

    private void token(String type, String name, String path, Function<Resource, List<?>> f) {
        add(new SearchParamDef(type, name, SearchParamType.TOKEN, path, "Search by " + path, List.of(), f));
    }

    private void reference(String type, String name, String path, List<String> targets, Function<Resource, List<?>> f) {
        add(new SearchParamDef(type, name, SearchParamType.REFERENCE, path, "Search by " + path, targets, f));
    }

    private void date(String type, String name, String path, Function<Resource, List<?>> f) {
        add(new SearchParamDef(type, name, SearchParamType.DATE, path, "Search by " + path, List.of(), f));
    }

    private void add(SearchParamDef def) {
        byType.computeIfAbsent(def.resourceType(), k -> new LinkedHashMap<>()).put(def.name(), def);
    }

    /** Values a parameter takes in a resource, with nulls and empty elements dropped. */
    public static List<Object> valuesOf(SearchParamDef def, Resource resource) {
        List<Object> out = new ArrayList<>();
        for (Object o : def.values().apply(resource)) {
            if (o instanceof Base b && !b.isEmpty()) {
                out.add(o);
            } else if (o != null && !(o instanceof Base)) {
                out.add(o);
            }
        }
        out.removeIf(Objects::isNull);
        return out;
    }
}
