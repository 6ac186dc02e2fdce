package org.carebridge.gateway.audit;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

import java.sql.Timestamp;
import java.util.Date;
import java.util.List;

/**
 * The audit log as FHIR AuditEvent, read-only, for the DPO (the gate allows no one else):
 * {@code AuditEvent?patient=Patient/x&agent=sub&date=ge2026-01-01&_count=100}, newest first.
 */
public class AuditEventProvider implements IResourceProvider {
    public static final String ACTION_SYSTEM = "https://fhir.carebridge.org.uk/CodeSystem/CareBridge-AuditAction";
    public static final String ROLE_SYSTEM = "https://fhir.carebridge.org.uk/CodeSystem/CareBridge-Role";
    public static final String AGENT_SYSTEM = "https://fhir.carebridge.org.uk/Id/token-subject";
    static final String ODS = org.carebridge.profiles.Canonical.ODS_ORGANIZATION;

    private final AuditLog log;

    public AuditEventProvider(AuditLog log) {
        this.log = log;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "patient") ReferenceParam patient,
                                  @OptionalParam(name = "agent") TokenParam agent,
                                  @OptionalParam(name = "date") DateRangeParam date,
                                  @Count Integer count, RequestDetails rd) {
        int limit = count == null ? 100 : Math.max(1, Math.min(count, 1000));
        Date lo = date == null ? null : date.getLowerBoundAsInstant();
        Date hi = date == null ? null : date.getUpperBoundAsInstant();
        List<AuditRecord> rows = log.search(rd.getTenantId(), patient == null ? null : patient.getIdPart(),
                agent == null ? null : agent.getValue(), lo == null ? null : new Timestamp(lo.getTime()),
                hi == null ? null : new Timestamp(hi.getTime()), limit);
        return new SimpleBundleProvider(rows.stream().map(AuditEventProvider::toFhir).toList());
    }

    public static AuditEvent toFhir(AuditRecord r) {
        AuditEvent e = new AuditEvent();
        e.setId(r.tenant() + "-" + r.seq());
        e.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
        e.addSubtype(new Coding(ACTION_SYSTEM, r.action(), null));
        String base = r.action().replace("refusal:", "");
        e.setAction(switch (base) {
            case "create" -> AuditEvent.AuditEventAction.C;
            case "update" -> AuditEvent.AuditEventAction.U;
            case "delete", "purge" -> AuditEvent.AuditEventAction.D;
            case "read", "vread", "search", "history" -> AuditEvent.AuditEventAction.R;
            default -> AuditEvent.AuditEventAction.E;
        });
        e.setRecorded(Date.from(r.recorded()));
        e.setOutcome(r.outcome() < 400 ? AuditEvent.AuditEventOutcome._0
                : r.outcome() < 500 ? AuditEvent.AuditEventOutcome._4 : AuditEvent.AuditEventOutcome._8);
        e.setOutcomeDesc("HTTP " + r.outcome() + (r.detail().isEmpty() ? "" : " " + r.detail()));
        if (!r.purpose().isEmpty()) e.addPurposeOfEvent().setText(r.purpose());
        AuditEvent.AuditEventAgentComponent who = e.addAgent().setRequestor(true);
        who.setWho(new Reference().setIdentifier(new Identifier().setSystem(AGENT_SYSTEM).setValue(r.agentSub())));
        for (String role : r.agentRoles().split(" ")) {
            if (!role.isBlank()) who.addRole().addCoding(new Coding(ROLE_SYSTEM, role, null));
        }
        if (!r.agentOrg().isEmpty()) {
            e.addAgent().setRequestor(false).setType(new org.hl7.fhir.r4.model.CodeableConcept(new Coding(ROLE_SYSTEM,
                            "organisation-" + r.agentOrgType(), null)))
                    .setWho(new Reference().setIdentifier(new Identifier().setSystem(ODS).setValue(r.agentOrg())));
        }
        if (!r.clientIp().isEmpty()) who.getNetwork().setAddress(r.clientIp());
        e.getSource().setSite(r.tenant()).setObserver(new Reference().setDisplay("CareBridge gateway"));
        for (String p : r.patients()) {
            e.addEntity().setWhat(new Reference("Patient/" + p))
                    .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"));
        }
        e.addEntity().setDescription(r.what())
                .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));
        e.addEntity().setName("chain").setDescription("seq " + r.seq() + " hash " + r.hash() + " prev " + r.prevHash());
        return e;
    }
}
