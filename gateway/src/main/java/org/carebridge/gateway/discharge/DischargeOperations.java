package org.carebridge.gateway.discharge;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The discharge operations on the FHIR server (a plain provider, so the server's interceptors — security,
 * audit — apply to them as to any interaction):
 * <ul>
 *   <li>{@code POST /fhir/{tenant}/$process-message}: BaRS referrals and Care Act notices (headers X-Request-Id and
 *   X-Correlation-Id required); 200 with the response message, or the BaRS OperationOutcome with its status;</li>
 *   <li>{@code POST /fhir/{tenant}/ServiceRequest/{id}/$offer} with Parameters {@code provider} (Organization
 *   references, repeating): brokerage offers the package; answers the new offer Tasks.</li>
 * </ul>
 */
public class DischargeOperations {
    private final ReferralIntake intake;
    private final BrokerageService brokerage;
    private final org.carebridge.gateway.store.ResourceStore store;

    public DischargeOperations(ReferralIntake intake, BrokerageService brokerage, org.carebridge.gateway.store.ResourceStore store) {
        this.intake = intake;
        this.brokerage = brokerage;
        this.store = store;
    }

    @Operation(name = "$process-message", manualRequest = true, idempotent = false)
    public Bundle processMessage(RequestDetails request) {
        byte[] raw = request.loadRequestContents();
        String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        ReferralIntake.Outcome out = intake.process(request.getTenantId(), request.getHeader("X-Request-Id"),
                request.getHeader("X-Correlation-Id"), body);
        if (out.body() instanceof Bundle b && out.status() < 300) {
            return b;
        }
        BaseServerResponseException e = BaseServerResponseException.newInstance(out.status(), diagnostics(out));
        e.setOperationOutcome((OperationOutcome) out.body());
        throw e;
    }

    @Operation(name = "$offer", type = ServiceRequest.class, idempotent = false)
    public Bundle offer(@IdParam IdType id, @OperationParam(name = "provider", min = 1, max = OperationParam.MAX_UNLIMITED)
            List<Reference> providers, RequestDetails request) {
        if (providers == null || providers.isEmpty()) {
            throw new InvalidRequestException("provider: at least one provider Organization is needed");
        }
        List<String> refs = providers.stream().map(Reference::getReference).toList();
        List<Task> tasks = store.inTenant(request.getTenantId(), s -> brokerage.offer(s, id.getIdPart(), refs));
        Bundle b = new Bundle();
        b.setType(Bundle.BundleType.COLLECTION);
        for (Task t : tasks) {
            b.addEntry().setFullUrl("Task/" + t.getIdElement().getIdPart()).setResource(t);
        }
        return b;
    }

    private static String diagnostics(ReferralIntake.Outcome out) {
        if (out.body() instanceof OperationOutcome oo && oo.hasIssue()) {
            return oo.getIssueFirstRep().getDiagnostics();
        }
        return "HTTP " + out.status();
    }
}
