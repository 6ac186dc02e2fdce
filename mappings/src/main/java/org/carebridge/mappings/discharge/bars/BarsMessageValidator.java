package org.carebridge.mappings.discharge.bars;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.carebridge.mappings.common.NhsNumber;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Checks a BaRS message Bundle addressed to one tenant and extracts the referral from it.
 *
 * <p>Order of checks: envelope (Bundle type, id, MessageHeader first), event (an unsupported event ends the check
 * with 501), addressing (destination endpoint and receiver: 422 when the message is not for this tenant), then the
 * content (reason, definition, sender, focus ServiceRequest, Patient NHS number). All content issues are reported
 * together so a sender fixes them in one round. The first issue decides the HTTP status.
 */
public final class BarsMessageValidator {
    private final BarsReceiver receiver;

    public BarsMessageValidator(BarsReceiver receiver) {
        this.receiver = receiver;
    }

    public BarsValidation validate(Bundle bundle, BarsHeaders headers) {
        List<BarsIssue> issues = new ArrayList<>();
        if (bundle == null) {
            return rejected(BarsIssue.structure("Bundle", "the body is not a FHIR Bundle"));
        }
        if (bundle.getType() != Bundle.BundleType.MESSAGE) {
            return rejected(BarsIssue.invalid("Bundle.type", "Bundle.type must be 'message' for $process-message, was '"
                    + (bundle.getType() == null ? "absent" : bundle.getType().toCode()) + "'"));
        }
        if (bundle.getEntry().isEmpty() || !(bundle.getEntryFirstRep().getResource() instanceof MessageHeader header)) {
            return rejected(BarsIssue.structure("Bundle.entry[0]", "the first entry of a message Bundle must be a MessageHeader"));
        }
        if (!bundle.hasIdElement() || !bundle.getIdElement().hasIdPart()) {
            issues.add(BarsIssue.required("Bundle.id", "Bundle.id is needed: responses refer to it"));
        }
        if (headers.requestId() != null && headers.requestId().isBlank()) {
            issues.add(BarsIssue.invalid("X-Request-Id", "the X-Request-Id header is empty"));
        }

        // Event: an unknown system/code is a bad value; a known but unsupported event is 501 and ends the check.
        Coding event = header.getEventCoding();
        if (!header.hasEventCoding() || !event.hasCode()) {
            return rejected(issues, BarsIssue.required("MessageHeader.eventCoding", "MessageHeader.eventCoding is missing"));
        }
        if (!BarsCodes.MESSAGE_EVENTS.equals(event.getSystem())) {
            return rejected(issues, BarsIssue.value("MessageHeader.eventCoding.system",
                    "MessageHeader.eventCoding.system must be " + BarsCodes.MESSAGE_EVENTS + ", was " + event.getSystem()));
        }
        Optional<BarsEvent> barsEvent = BarsEvent.fromCode(event.getCode());
        if (barsEvent.isEmpty()) {
            return rejected(issues, BarsIssue.value("MessageHeader.eventCoding.code",
                    "unknown BaRS event '" + event.getCode() + "'"));
        }
        if (!barsEvent.get().supported()) {
            return rejected(List.of(BarsIssue.notSupported("MessageHeader.eventCoding.code", "receiver " + receiver.tenant()
                    + " does not implement BaRS event '" + event.getCode() + "'")));
        }

        BundleIndex index = new BundleIndex(bundle);
        // Addressing: a message for someone else is not ours to judge further.
        Optional<BarsIssue> misaddressed = checkDestination(header, index);
        if (misaddressed.isPresent()) {
            return rejected(List.of(misaddressed.get()));
        }

        ReferralMessage.Reason reason = checkReason(header, issues);
        checkDefinition(header, barsEvent.get(), issues);
        String senderOds = checkSender(header, index, barsEvent.get(), issues);
        ReferralMessage.ResponseRef response = checkResponse(header, barsEvent.get(), issues);
        ServiceRequest sr = checkFocus(header, bundle, index, barsEvent.get(), issues);
        String nhsNumber = null;
        if (sr != null) {
            checkStatus(sr, reason, barsEvent.get(), issues);
            nhsNumber = checkPatient(sr, index, issues);
        }
        if (!issues.isEmpty()) {
            return new BarsValidation(issues, null);
        }
        ReferralMessage.Action action = barsEvent.get().isResponse() ? ReferralMessage.Action.RESPONSE
                : "revoked".equals(sr.getStatus().toCode()) ? ReferralMessage.Action.CANCEL
                : reason == ReferralMessage.Reason.UPDATE ? ReferralMessage.Action.UPDATE
                : ReferralMessage.Action.CREATE;
        return new BarsValidation(List.of(), new ReferralMessage(
                headers.requestId(), headers.correlationId(), bundle.getIdElement().getIdPart(), barsEvent.get(), reason,
                action, sr.getStatus().toCode(), focusReference(bundle, sr),
                sr.getIdentifier().stream().map(i -> i.getSystem() + "|" + i.getValue()).toList(),
                nhsNumber, senderOds, requestedStart(sr), sr.hasPriority() ? sr.getPriority().toCode() : null,
                sr.getCategory().stream().flatMap(c -> c.getCoding().stream()).map(c -> c.getSystem() + "|" + c.getCode()).toList(),
                isDischarge(sr, index), header.getSource().getEndpoint(), response));
    }

    private Optional<BarsIssue> checkDestination(MessageHeader header, BundleIndex index) {
        if (!header.hasDestination()) {
            return Optional.of(BarsIssue.required("MessageHeader.destination", "MessageHeader.destination is missing"));
        }
        for (MessageHeader.MessageDestinationComponent d : header.getDestination()) {
            if (!receiver.endpoints().contains(d.getEndpoint())) {
                continue;
            }
            if (!d.hasReceiver()) {
                return Optional.of(BarsIssue.required("MessageHeader.destination.receiver",
                        "MessageHeader.destination.receiver is missing"));
            }
            Optional<Organization> org = index.resolve(d.getReceiver(), Organization.class);
            if (org.isEmpty()) {
                return Optional.of(BarsIssue.invalid("MessageHeader.destination.receiver",
                        "MessageHeader.destination.receiver does not resolve to an Organization in the Bundle"));
            }
            // The BaRS examples name the receiver without an ODS code; when one is given it must be ours.
            String ods = odsCode(org.get());
            if (ods != null && receiver.odsCode() != null && !ods.equalsIgnoreCase(receiver.odsCode())) {
                return Optional.of(BarsIssue.unprocessable("MessageHeader.destination.receiver",
                        "the receiving organisation " + ods + " is not tenant " + receiver.tenant()));
            }
            return Optional.empty();
        }
        return Optional.of(BarsIssue.unprocessable("MessageHeader.destination.endpoint",
                "no MessageHeader.destination.endpoint names tenant " + receiver.tenant()));
    }

    private ReferralMessage.Reason checkReason(MessageHeader header, List<BarsIssue> issues) {
        Optional<Coding> reason = header.getReason().getCoding().stream()
                .filter(c -> BarsCodes.MESSAGE_REASON.equals(c.getSystem())).findFirst();
        if (reason.isEmpty()) {
            issues.add(BarsIssue.required("MessageHeader.reason",
                    "MessageHeader.reason needs a coding from " + BarsCodes.MESSAGE_REASON));
            return null;
        }
        return switch (String.valueOf(reason.get().getCode())) {
            case "new" -> ReferralMessage.Reason.NEW;
            case "update" -> ReferralMessage.Reason.UPDATE;
            default -> {
                issues.add(BarsIssue.value("MessageHeader.reason", "MessageHeader.reason must be new or update, was '"
                        + reason.get().getCode() + "'"));
                yield null;
            }
        };
    }

    private void checkDefinition(MessageHeader header, BarsEvent event, List<BarsIssue> issues) {
        if (!header.hasDefinition()) {
            issues.add(BarsIssue.required("MessageHeader.definition", "MessageHeader.definition is missing"));
            return;
        }
        // The definition names the event, optionally followed by the use case: bars-message-<event>[-<use case>].
        String expected = BarsCodes.MESSAGE_DEFINITION_PREFIX + event.code();
        String def = header.getDefinition();
        if (!(def.equals(expected) || def.startsWith(expected + "-"))) {
            issues.add(BarsIssue.value("MessageHeader.definition",
                    "MessageHeader.definition " + def + " is not a BaRS MessageDefinition for " + event.code()));
        }
    }

    /**
     * A request's focus is the referral (ServiceRequest). A response's focus may be what the responder produced
     * (the BaRS validation response focuses an Encounter); its ServiceRequest is then the one in the Bundle.
     */
    private ServiceRequest checkFocus(MessageHeader header, Bundle bundle, BundleIndex index, BarsEvent event,
                                      List<BarsIssue> issues) {
        if (header.getFocus().size() != 1) {
            issues.add(BarsIssue.invalid("MessageHeader.focus",
                    "MessageHeader.focus must reference exactly one resource, found " + header.getFocus().size()));
            return null;
        }
        Optional<ServiceRequest> sr = index.resolve(header.getFocusFirstRep(), ServiceRequest.class);
        if (sr.isPresent()) {
            return sr.get();
        }
        if (!event.isResponse()) {
            issues.add(BarsIssue.invalid("MessageHeader.focus",
                    "MessageHeader.focus does not resolve to a ServiceRequest in the Bundle"));
            return null;
        }
        if (index.resolve(header.getFocusFirstRep(), org.hl7.fhir.r4.model.Resource.class).isEmpty()) {
            issues.add(BarsIssue.invalid("MessageHeader.focus", "MessageHeader.focus does not resolve in the Bundle"));
            return null;
        }
        Optional<ServiceRequest> inBundle = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(ServiceRequest.class::isInstance).map(ServiceRequest.class::cast).findFirst();
        if (inBundle.isEmpty()) {
            issues.add(BarsIssue.required("Bundle.entry", "the response carries no ServiceRequest"));
        }
        return inBundle.orElse(null);
    }

    private String checkSender(MessageHeader header, BundleIndex index, BarsEvent event, List<BarsIssue> issues) {
        if (!header.hasSender()) {
            issues.add(BarsIssue.required("MessageHeader.sender", "MessageHeader.sender is missing"));
            return null;
        }
        Optional<Organization> org = index.resolve(header.getSender(), Organization.class);
        if (org.isEmpty()) {
            issues.add(BarsIssue.invalid("MessageHeader.sender",
                    "MessageHeader.sender does not resolve to an Organization in the Bundle"));
            return null;
        }
        String ods = odsCode(org.get());
        // A request must say which hospital it comes from; a response is tied to our request by its identifier.
        if (ods == null && !event.isResponse()) {
            issues.add(BarsIssue.required("MessageHeader.sender",
                    "the sending Organization has no ODS code (" + Canonical.ODS_ORGANIZATION + ")"));
        }
        return ods;
    }

    private ReferralMessage.ResponseRef checkResponse(MessageHeader header, BarsEvent event, List<BarsIssue> issues) {
        if (!event.isResponse()) {
            return null;
        }
        if (!header.hasResponse() || !header.getResponse().hasIdentifier() || !header.getResponse().hasCode()) {
            issues.add(BarsIssue.required("MessageHeader.response",
                    "a response message needs MessageHeader.response.identifier and code"));
            return null;
        }
        return new ReferralMessage.ResponseRef(header.getResponse().getIdentifier(), header.getResponse().getCode().toCode());
    }

    private void checkStatus(ServiceRequest sr, ReferralMessage.Reason reason, BarsEvent event, List<BarsIssue> issues) {
        if (!sr.hasStatus()) {
            issues.add(BarsIssue.required("ServiceRequest.status", "ServiceRequest.status is missing"));
            return;
        }
        String status = sr.getStatus().toCode();
        if (!List.of("draft", "active", "on-hold", "revoked", "completed").contains(status)) {
            issues.add(BarsIssue.value("ServiceRequest.status", "ServiceRequest.status '" + status + "' cannot be processed"));
        } else if ("revoked".equals(status) && reason == ReferralMessage.Reason.NEW && !event.isResponse()) {
            issues.add(BarsIssue.invariant("ServiceRequest.status",
                    "a cancellation (ServiceRequest.status revoked) must be sent with reason 'update'"));
        }
    }

    private String checkPatient(ServiceRequest sr, BundleIndex index, List<BarsIssue> issues) {
        Optional<Patient> patient = index.resolve(sr.getSubject(), Patient.class);
        if (patient.isEmpty()) {
            issues.add(BarsIssue.invalid("ServiceRequest.subject",
                    "ServiceRequest.subject does not resolve to a Patient in the Bundle"));
            return null;
        }
        Optional<Identifier> nhs = patient.get().getIdentifier().stream()
                .filter(i -> Canonical.NHS_NUMBER.equals(i.getSystem())).findFirst();
        if (nhs.isEmpty() || !nhs.get().hasValue()) {
            issues.add(BarsIssue.required("Patient.identifier", "the Patient has no NHS number (" + Canonical.NHS_NUMBER + ")"));
            return null;
        }
        if (!NhsNumber.isValid(nhs.get().getValue())) {
            // The number itself stays out of the diagnostic: it is personal data.
            issues.add(BarsIssue.value("Patient.identifier", "the Patient's NHS number fails the modulus 11 check"));
            return null;
        }
        return NhsNumber.normalise(nhs.get().getValue());
    }

    /** The ServiceRequest's fullUrl in the message: how the sender's later updates will refer to it. */
    private static String focusReference(Bundle bundle, ServiceRequest sr) {
        return bundle.getEntry().stream().filter(e -> e.getResource() == sr).map(Bundle.BundleEntryComponent::getFullUrl)
                .findFirst().orElse(null);
    }

    private static Instant requestedStart(ServiceRequest sr) {
        if (sr.hasOccurrencePeriod() && sr.getOccurrencePeriod().hasStart()) {
            return sr.getOccurrencePeriod().getStart().toInstant();
        }
        if (sr.hasOccurrenceDateTimeType()) {
            return sr.getOccurrenceDateTimeType().getValue().toInstant();
        }
        return null;
    }

    /**
     * A referral counts as a hospital discharge when its category or code says "discharge", or its Encounter is an
     * inpatient stay (v3 ActCode IMP/ACUTE): such requests get at least the 24-hour grade (H:3085-3095).
     */
    private static boolean isDischarge(ServiceRequest sr, BundleIndex index) {
        List<CodeableConcept> concepts = new ArrayList<>(sr.getCategory());
        concepts.add(sr.getCode());
        for (CodeableConcept cc : concepts) {
            if (cc.hasText() && cc.getText().toLowerCase(Locale.ROOT).contains("discharge")) {
                return true;
            }
            for (Coding c : cc.getCoding()) {
                String words = (c.getCode() + " " + c.getDisplay()).toLowerCase(Locale.ROOT);
                if (words.contains("discharge")) {
                    return true;
                }
            }
        }
        return index.resolve(sr.getEncounter(), Encounter.class)
                .map(e -> List.of("IMP", "ACUTE").contains(e.getClass_().getCode()))
                .orElse(false);
    }

    /** ODS code of an Organization. The BaRS examples write the system with "/id/": compare ignoring case. */
    static String odsCode(Organization org) {
        return org.getIdentifier().stream()
                .filter(i -> Canonical.ODS_ORGANIZATION.equalsIgnoreCase(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue).findFirst().orElse(null);
    }

    private static BarsValidation rejected(BarsIssue issue) {
        return new BarsValidation(List.of(issue), null);
    }

    private static BarsValidation rejected(List<BarsIssue> earlier, BarsIssue issue) {
        List<BarsIssue> all = new ArrayList<>(earlier);
        all.add(0, issue);
        return new BarsValidation(all, null);
    }

    private static BarsValidation rejected(List<BarsIssue> issues) {
        return new BarsValidation(issues, null);
    }
}
