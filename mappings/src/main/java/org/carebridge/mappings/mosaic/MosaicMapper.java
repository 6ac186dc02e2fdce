package org.carebridge.mappings.mosaic;

import static org.carebridge.mappings.mosaic.MosaicValues.blank;
import static org.carebridge.mappings.mosaic.MosaicValues.trim;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carebridge.mappings.mosaic.model.AccessDetails;
import org.carebridge.mappings.mosaic.model.CareManager;
import org.carebridge.mappings.mosaic.model.CarePlanRecord;
import org.carebridge.mappings.mosaic.model.Contact;
import org.carebridge.mappings.mosaic.model.Need;
import org.carebridge.mappings.mosaic.model.Objection;
import org.carebridge.mappings.mosaic.model.OrderRecord;
import org.carebridge.mappings.mosaic.model.PersonRecord;
import org.carebridge.mappings.mosaic.model.PlannedCall;
import org.carebridge.mappings.mosaic.model.ProviderRef;
import org.carebridge.mappings.mosaic.model.Review;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.TimeType;

/**
 * Maps one validated Mosaic person record to FHIR R4 (UK Core aligned, CareBridge profiles). Pure: the same tenant,
 * record and key always give the same resources with the same ids, which is what makes re-applying an extract
 * change nothing. The caller validates first ({@link MosaicValidator}); the mapper assumes well-formed values.
 */
public final class MosaicMapper {
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final ThreadLocal<javax.crypto.Mac> accessReferenceMac;

    /**
     * @param accessReferenceKey the deployment's secret for access arrangement references (see
     *                           {@link MosaicIds#accessReference}); at least 16 bytes
     */
    public MosaicMapper(byte[] accessReferenceKey) {
        if (accessReferenceKey == null || accessReferenceKey.length < 16) {
            throw new IllegalArgumentException("access reference key must be at least 16 bytes");
        }
        byte[] key = accessReferenceKey.clone();
        this.accessReferenceMac = ThreadLocal.withInitial(() -> MosaicIds.hmac(key));
    }

    public MappedPerson map(String tenant, PersonRecord p) {
        String personId = p.personId.trim();
        Reference patientRef = new Reference("Patient/" + MosaicIds.resourceId(tenant, "Patient", personId));

        Optional<AccessArrangement> access = accessArrangement(tenant, personId, p.access);
        Optional<PractitionerRole> careManager = careManager(tenant, p.careManager);
        Reference managerRef = careManager.map(r -> new Reference("PractitionerRole/" + r.getIdElement().getIdPart()))
                .orElse(null);

        Map<String, Organization> providers = new LinkedHashMap<>();
        List<ServiceRequest> orders = new ArrayList<>();
        for (OrderRecord o : p.orders) {
            Organization org = providers.computeIfAbsent(providerKey(o.provider), k -> provider(tenant, k, o.provider));
            orders.add(order(tenant, o, patientRef, managerRef, org, access));
        }
        List<CarePlan> plans = new ArrayList<>();
        for (CarePlanRecord pl : p.plans) {
            plans.add(carePlan(tenant, pl, patientRef, managerRef));
        }
        List<Consent> consents = new ArrayList<>();
        for (Objection o : p.objections) {
            consents.add(consent(tenant, personId, o, patientRef));
        }
        boolean restricted = MosaicValues.isTrue(p.restricted);
        Optional<Flag> flag = restricted ? Optional.of(restrictedFlag(tenant, personId, patientRef)) : Optional.empty();
        return new MappedPerson(tenant, personId, patient(tenant, p, restricted), plans, orders,
                new ArrayList<>(providers.values()), careManager, flag, consents, access);
    }

    // ---- Patient ----------------------------------------------------------------------------------------------

    private Patient patient(String tenant, PersonRecord p, boolean restricted) {
        Patient pt = new Patient();
        pt.setId(MosaicIds.resourceId(tenant, "Patient", p.personId.trim()));
        pt.getMeta().addProfile(Canonical.profile("Person"));
        if (restricted) {
            pt.getMeta().addSecurity(MosaicSystems.V3_CONFIDENTIALITY, "R", "restricted");
        }
        if (!blank(p.nhsNumber)) {
            Identifier nhs = pt.addIdentifier().setSystem(Canonical.NHS_NUMBER).setValue(p.nhsNumber.trim());
            if (!blank(p.nhsNumberVerification)) {
                String code = p.nhsNumberVerification.trim();
                nhs.addExtension(Canonical.NHS_NUMBER_VERIFICATION_STATUS_EXT, new CodeableConcept(new Coding(
                        Canonical.NHS_NUMBER_VERIFICATION_STATUS_CS, code,
                        MosaicCodes.NHS_NUMBER_VERIFICATION.get(code))));
            }
        }
        pt.addIdentifier().setSystem(Canonical.MOSAIC_PERSON).setValue(p.personId.trim());

        HumanName name = pt.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(trim(p.name.family));
        if (!blank(p.name.title)) {
            name.addPrefix(p.name.title.trim());
        }
        p.name.given.stream().filter(g -> !blank(g)).forEach(g -> name.addGiven(g.trim()));
        if (!blank(p.formOfAddress)) {
            // UK Core's "usual" name: how the person wants to be addressed (H:1048).
            pt.addName().setUse(HumanName.NameUse.USUAL).setText(p.formOfAddress.trim());
        }
        if (!blank(p.phone)) {
            pt.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.HOME)
                    .setValue(p.phone.trim());
        }
        if (!blank(p.gender)) {
            pt.setGender(AdministrativeGender.fromCode(p.gender.trim()));
        }
        pt.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(p.birthDate.trim()));
        if (p.address != null) {
            Address a = pt.addAddress().setUse(Address.AddressUse.HOME);
            p.address.line.stream().filter(l -> !blank(l)).forEach(l -> a.addLine(l.trim()));
            a.setCity(trim(p.address.town));
            if (!blank(p.address.postcode)) {
                a.setPostalCode(p.address.postcode.trim().toUpperCase(java.util.Locale.ROOT));
            }
            if (!blank(p.address.ruralityClass)) {
                String code = p.address.ruralityClass.trim();
                a.addExtension(Canonical.extension("RuralityClass"),
                        new Coding(MosaicSystems.RURALITY_CLASS_CS, code, MosaicCodes.RURALITY.get(code)));
            }
        }
        if (!blank(p.language)) {
            pt.addCommunication().setPreferred(true).setLanguage(new CodeableConcept(
                    new Coding(MosaicSystems.BCP47, p.language.trim(), null)));
        }
        Boolean interpreter = MosaicValues.bool(p.interpreterRequired);
        if (interpreter != null) {
            pt.addExtension(MosaicSystems.INTERPRETER_REQUIRED_EXT, new BooleanType(interpreter));
        }
        if (!blank(p.communicationNeeds)) {
            pt.addExtension(MosaicSystems.COMMUNICATION_NEEDS_EXT, new StringType(p.communicationNeeds.trim()));
        }
        if (!blank(p.clientGroup)) {
            String code = p.clientGroup.trim();
            pt.addExtension(MosaicSystems.CLIENT_GROUP_EXT, new CodeableConcept(new Coding(
                    Canonical.codeSystem("ClientGroup"), code, MosaicCodes.CLIENT_GROUPS.get(code))));
        }
        if (!blank(p.capacity)) {
            String code = p.capacity.trim();
            pt.addExtension(MosaicSystems.MENTAL_CAPACITY_EXT, new CodeableConcept(new Coding(
                    MosaicSystems.MENTAL_CAPACITY_CS, code, MosaicCodes.CAPACITY.get(code))));
        }
        for (Contact c : p.contacts) {
            pt.addContact(contact(c));
        }
        return pt;
    }

    private static Patient.ContactComponent contact(Contact c) {
        Patient.ContactComponent pc = new Patient.ContactComponent();
        CodeableConcept rel = new CodeableConcept();
        if ("next-of-kin".equals(c.role.trim())) {
            rel.addCoding(new Coding(MosaicSystems.V2_CONTACT_ROLE, "N", "Next-of-Kin"));
        } else {
            String authority = blank(c.authority) ? "other" : c.authority.trim();
            rel.addCoding(new Coding(MosaicSystems.REPRESENTATIVE_AUTHORITY_CS, authority,
                    MosaicCodes.REPRESENTATIVE_AUTHORITY.get(authority)));
        }
        rel.setText(trim(c.relationship));
        pc.addRelationship(rel);
        pc.setName(new HumanName().setText(c.name.trim()));
        if (!blank(c.phone)) {
            pc.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(c.phone.trim());
        }
        return pc;
    }

    // ---- Care and support plan --------------------------------------------------------------------------------

    private static CarePlan carePlan(String tenant, CarePlanRecord pl, Reference patient, Reference manager) {
        CarePlan cp = new CarePlan();
        String planId = pl.planId.trim();
        cp.setId(MosaicIds.resourceId(tenant, "CarePlan", planId));
        cp.getMeta().addProfile(Canonical.profile("CareAndSupportPlan"));
        cp.addIdentifier().setSystem(Canonical.MOSAIC_PLAN).setValue(planId);
        String status = pl.status.trim();
        cp.setStatus(switch (status) {
            case "draft" -> CarePlan.CarePlanStatus.DRAFT;
            case "ended" -> CarePlan.CarePlanStatus.COMPLETED;
            default -> CarePlan.CarePlanStatus.ACTIVE;
        });
        cp.setIntent(CarePlan.CarePlanIntent.PLAN);
        cp.setTitle("Care and support plan");
        cp.setSubject(patient);
        cp.setPeriod(period(pl.start, pl.end));
        if (manager != null) {
            cp.setAuthor(manager);
        }
        Boolean timeCritical = MosaicValues.bool(pl.timeCriticalCalls);
        if (timeCritical != null) {
            cp.addExtension(Canonical.extension("TimeCritical"), new BooleanType(timeCritical));
        }
        Boolean doubleHanded = MosaicValues.bool(pl.doubleHanded);
        if (doubleHanded != null) {
            cp.addExtension(Canonical.extension("WorkersRequired"), new IntegerType(doubleHanded ? 2 : 1));
        }
        // Needs as contained Conditions the plan addresses; outcomes and goals as contained Goals. They live and
        // die with the plan, so they are not separate resources.
        int n = 0;
        for (Need need : pl.needs) {
            Condition c = new Condition();
            c.setId("need-" + (++n));
            boolean met = MosaicValues.isTrue(need.met);
            c.addCategory(new CodeableConcept(new Coding(MosaicSystems.NEED_STATUS_CS, met ? "met" : "unmet",
                    met ? "Eligible need met by the plan" : "Eligible need not met")));
            c.setCode(new CodeableConcept().setText(need.description.trim()));
            c.setSubject(patient);
            cp.addContained(c);
            cp.addAddresses(new Reference("#" + c.getId()));
        }
        int g = 0;
        for (var entry : List.of(Map.entry("personal-outcome", pl.personalOutcomes),
                Map.entry("agreed-outcome", pl.agreedOutcomes), Map.entry("goal", pl.goals))) {
            for (String text : entry.getValue()) {
                Goal goal = new Goal();
                goal.setId("goal-" + (++g));
                goal.setLifecycleStatus(switch (status) {
                    case "draft" -> Goal.GoalLifecycleStatus.PROPOSED;
                    case "ended" -> Goal.GoalLifecycleStatus.COMPLETED;
                    default -> Goal.GoalLifecycleStatus.ACTIVE;
                });
                goal.addCategory(new CodeableConcept(new Coding(MosaicSystems.OUTCOME_TYPE_CS, entry.getKey(),
                        MosaicCodes.OUTCOME_TYPES.get(entry.getKey()))));
                goal.setDescription(new CodeableConcept().setText(text.trim()));
                goal.setSubject(patient);
                cp.addContained(goal);
                cp.addGoal(new Reference("#" + goal.getId()));
            }
        }
        CarePlan.CarePlanActivityStatus activityStatus = switch (status) {
            case "draft" -> CarePlan.CarePlanActivityStatus.NOTSTARTED;
            case "ended" -> CarePlan.CarePlanActivityStatus.COMPLETED;
            default -> CarePlan.CarePlanActivityStatus.INPROGRESS;
        };
        if (!blank(pl.nightSupport) && !"none".equals(pl.nightSupport.trim())) {
            String code = pl.nightSupport.trim();
            cp.addActivity().getDetail().setStatus(activityStatus).setCode(new CodeableConcept(new Coding(
                    Canonical.codeSystem("NightSupport"), code, MosaicCodes.NIGHT_SUPPORT.get(code))));
        }
        for (Review r : pl.reviews) {
            String type = r.type.trim();
            CarePlan.CarePlanActivityDetailComponent d = cp.addActivity().getDetail();
            d.setCode(new CodeableConcept(new Coding(Canonical.codeSystem("ReviewType"), type,
                    MosaicCodes.REVIEW_TYPES.get(type))));
            boolean done = !blank(r.completed);
            d.setStatus(done ? CarePlan.CarePlanActivityStatus.COMPLETED : CarePlan.CarePlanActivityStatus.SCHEDULED);
            // scheduled: due date as start; done: the completion date closes the period.
            // A review done before its due date: the period cannot end before it starts (per-1), so it is the day done.
            d.setScheduled(period(done && before(r.completed, r.due) ? r.completed : r.due, done ? r.completed : null));
        }
        return cp;
    }

    // ---- Order for care ---------------------------------------------------------------------------------------

    private static ServiceRequest order(String tenant, OrderRecord o, Reference patient, Reference manager,
                                        Organization provider, Optional<AccessArrangement> access) {
        ServiceRequest sr = new ServiceRequest();
        String number = o.orderNumber.trim();
        sr.setId(MosaicIds.resourceId(tenant, "ServiceRequest", number));
        sr.getMeta().addProfile(Canonical.profile("OrderForCare"));
        sr.addIdentifier().setSystem(Canonical.MOSAIC_ORDER).setValue(number);
        OrderStatus status = OrderStatus.fromCode(o.status.trim()).orElseThrow();
        sr.setStatus(status.fhirStatus());
        sr.addExtension(MosaicSystems.ORDER_STATUS_EXT, status.coding());
        sr.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        String kind = o.kind.trim();
        sr.addCategory(new CodeableConcept(new Coding(Canonical.codeSystem("OrderKind"), kind,
                MosaicCodes.ORDER_KINDS.get(kind))));
        String line = o.serviceLine.trim();
        sr.setCode(new CodeableConcept(new Coding(Canonical.codeSystem("ServiceLine"), line,
                MosaicCodes.SERVICE_LINES.get(line))));
        sr.setSubject(patient);
        if (!blank(o.planId)) {
            sr.addBasedOn(new Reference("CarePlan/" + MosaicIds.resourceId(tenant, "CarePlan", o.planId.trim())));
        }
        if (manager != null) {
            sr.setRequester(manager);
        }
        sr.addPerformer(new Reference("Organization/" + provider.getIdElement().getIdPart())
                .setDisplay(provider.getName()));
        sr.setOccurrence(period(o.start, o.end));
        if (!blank(o.supportLevel)) {
            String code = o.supportLevel.trim();
            sr.addExtension(Canonical.extension("SupportLevel"), new CodeableConcept(new Coding(
                    Canonical.codeSystem("SupportLevel"), code, MosaicCodes.SUPPORT_LEVELS.get(code))));
        }
        if (!blank(o.units)) {
            String unit = o.unitOfPurchase.trim();
            Quantity numerator = new Quantity().setValue(MosaicValues.decimal(o.units))
                    .setSystem(Canonical.codeSystem("UnitOfPurchase")).setCode(unit)
                    .setUnit(MosaicCodes.UNITS_OF_PURCHASE.get(unit));
            Quantity denominator = switch (o.frequency.trim()) {
                case "day" -> ucum(1, "d", "day");
                case "four-weeks" -> ucum(4, "wk", "weeks");
                default -> ucum(1, "wk", "week");
            };
            sr.addExtension(Canonical.extension("UnitsAndFrequency"),
                    new Ratio().setNumerator(numerator).setDenominator(denominator));
        }
        if (!blank(o.maxWeeklyHours)) {
            sr.addExtension(Canonical.extension("MaximumWeeklyHours"),
                    new DecimalType(MosaicValues.decimal(o.maxWeeklyHours)));
        }
        for (PlannedCall call : o.calls) {
            sr.addExtension(plannedCall(call));
        }
        // Only the opaque reference travels with the order; the codes stay in the restricted store.
        access.ifPresent(a -> sr.addSupportingInfo(new Reference().setIdentifier(
                new Identifier().setSystem(Canonical.ACCESS_ARRANGEMENT_REF).setValue(a.reference()))));
        return sr;
    }

    private static Extension plannedCall(PlannedCall call) {
        Extension e = new Extension(MosaicSystems.PLANNED_CALL_EXT);
        for (String day : call.days) {
            e.addExtension("dayOfWeek", new CodeType(day.trim()));
        }
        e.addExtension("time", new TimeType(MosaicValues.time(call.time).format(HH_MM_SS)));
        Duration minutes = new Duration();
        minutes.setValue(Integer.parseInt(call.minutes.trim())).setUnit("min").setSystem(MosaicSystems.UCUM)
                .setCode("min");
        e.addExtension("duration", minutes);
        if (!blank(call.workers)) {
            e.addExtension(Canonical.extension("WorkersRequired"), new IntegerType(Integer.parseInt(call.workers.trim())));
        }
        Boolean timeCritical = MosaicValues.bool(call.timeCritical);
        if (timeCritical != null) {
            e.addExtension(Canonical.extension("TimeCritical"), new BooleanType(timeCritical));
        }
        return e;
    }

    private static Quantity ucum(int value, String code, String unit) {
        return new Quantity().setValue(value).setSystem(MosaicSystems.UCUM).setCode(code).setUnit(unit);
    }

    // ---- Provider and care manager ----------------------------------------------------------------------------

    /** A provider is known by its CQC location (a branch) when given, else its ODS code. */
    private static String providerKey(ProviderRef p) {
        return !blank(p.cqcLocationId) ? "cqc:" + p.cqcLocationId.trim() : "ods:" + p.odsCode.trim();
    }

    private static Organization provider(String tenant, String key, ProviderRef p) {
        Organization org = new Organization();
        org.setId(MosaicIds.resourceId(tenant, "Organization", key));
        org.getMeta().addProfile(Canonical.profile("Provider"));
        if (!blank(p.cqcLocationId)) {
            org.addIdentifier().setSystem(Canonical.CQC_LOCATION).setValue(p.cqcLocationId.trim());
        }
        if (!blank(p.odsCode)) {
            org.addIdentifier().setSystem(Canonical.ODS_ORGANIZATION).setValue(p.odsCode.trim());
        }
        org.setActive(true);
        org.setName(trim(p.name));
        return org;
    }

    private static Optional<PractitionerRole> careManager(String tenant, CareManager cm) {
        if (cm == null || (blank(cm.workerId) && blank(cm.teamId))) {
            return Optional.empty();
        }
        PractitionerRole role = new PractitionerRole();
        String key = !blank(cm.workerId) ? "worker:" + cm.workerId.trim() : "team:" + cm.teamId.trim();
        role.setId(MosaicIds.resourceId(tenant, "PractitionerRole", key));
        role.getMeta().addProfile(Canonical.profile("CareManager"));
        role.setActive(true);
        if (!blank(cm.workerId)) {
            role.addIdentifier().setSystem(Canonical.MOSAIC_WORKER).setValue(cm.workerId.trim());
            role.setPractitioner(new Reference().setIdentifier(new Identifier().setSystem(Canonical.MOSAIC_WORKER)
                    .setValue(cm.workerId.trim())).setDisplay(trim(cm.name)));
        } else {
            role.addIdentifier().setSystem(MosaicSystems.MOSAIC_TEAM).setValue(cm.teamId.trim());
        }
        if (!blank(cm.teamId)) {
            role.setOrganization(new Reference().setIdentifier(new Identifier().setSystem(MosaicSystems.MOSAIC_TEAM)
                    .setValue(cm.teamId.trim())).setDisplay(trim(cm.teamName)));
        }
        role.addCode().setText(blank(cm.workerId) ? "Care management team" : "Care manager");
        if (!blank(cm.phone)) {
            role.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setUse(ContactPoint.ContactPointUse.WORK).setValue(cm.phone.trim());
        }
        return Optional.of(role);
    }

    // ---- Restricted person, objections, access ----------------------------------------------------------------

    private static Flag restrictedFlag(String tenant, String personId, Reference patient) {
        Flag f = new Flag();
        f.setId(MosaicIds.resourceId(tenant, "Flag", personId, "restricted"));
        f.getMeta().addProfile(Canonical.profile("RestrictedPersonFlag"));
        f.setStatus(Flag.FlagStatus.ACTIVE);
        f.addCategory(new CodeableConcept(new Coding(MosaicSystems.FLAG_CATEGORY, "admin", "Administrative")));
        f.setCode(new CodeableConcept(new Coding(MosaicSystems.PERSON_FLAG_CS, "restricted",
                "Restricted person: share on a need-to-know basis only")));
        f.setSubject(patient);
        return f;
    }

    private static Consent consent(String tenant, String personId, Objection o, Reference patient) {
        String scope = o.scope.trim();
        Consent c = new Consent();
        c.setId(MosaicIds.resourceId(tenant, "Consent", personId, scope));
        c.getMeta().addProfile(Canonical.profile("SharingConsent"));
        c.setStatus(Consent.ConsentState.ACTIVE);
        c.setScope(new CodeableConcept(new Coding(MosaicSystems.CONSENT_SCOPE, "patient-privacy", "Privacy Consent")));
        c.addCategory(new CodeableConcept(new Coding(MosaicSystems.LOINC, "59284-0", "Patient Consent")));
        c.addCategory(new CodeableConcept(new Coding(MosaicSystems.SHARING_SCOPE_CS, scope,
                MosaicCodes.OBJECTION_SCOPES.get(scope))));
        c.setPatient(patient);
        c.setDateTimeElement(new DateTimeType(o.recorded.trim()));
        // An objection is an opt-out; safeguarding concerns are still shared (K:2161-2163), a rule of the gateway.
        c.setPolicyRule(new CodeableConcept(new Coding(MosaicSystems.V3_ACT_CODE, "OPTOUT", "opt-out")));
        c.getProvision().setType(Consent.ConsentProvisionType.DENY);
        return c;
    }

    private Optional<AccessArrangement> accessArrangement(String tenant, String personId, AccessDetails a) {
        if (a == null || (blank(a.keySafeCode) && blank(a.entryCode) && blank(a.instructions))) {
            return Optional.empty();
        }
        return Optional.of(new AccessArrangement(tenant, MosaicIds.accessReference(accessReferenceMac.get(), tenant, personId),
                trim(a.keySafeCode), trim(a.entryCode), trim(a.instructions)));
    }

    /** ISO dates (or date-times): a before b, by calendar day. */
    private static boolean before(String a, String b) {
        return !blank(a) && !blank(b) && a.trim().length() >= 10 && b.trim().length() >= 10
                && a.trim().substring(0, 10).compareTo(b.trim().substring(0, 10)) < 0;
    }

    private static Period period(String start, String end) {
        Period p = new Period();
        if (!blank(start)) {
            p.setStartElement(new DateTimeType(start.trim()));
        }
        if (!blank(end)) {
            p.setEndElement(new DateTimeType(end.trim()));
        }
        return p;
    }
}
