package org.carebridge.gateway.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.fhir.StoredJson;
import org.carebridge.gateway.search.SearchParamDef;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.carebridge.gateway.security.Caller;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records every FHIR interaction but reading the CapabilityStatement: who (subject, organisation, roles), why
 * (purpose), about whom (the people whose data was returned or written), what (ids, or the type and parameter
 * names of a search — never their values, which may be NHS numbers) and the outcome, refusals included.
 * A response with a body is recorded, durably, before it is sent ({@link AuditLog#recordDurably}); the rest
 * (refusals, failures, answers without a body) when the request ends.
 */
@Interceptor
public class AuditInterceptor {
    private static final String PATIENTS_KEY = "carebridge.audit.patients";
    private static final String WHAT_KEY = "carebridge.audit.what";
    private static final String RECORDED_KEY = "carebridge.audit.recorded";

    private final AuditLog log;
    private final SearchParameterRegistry registry;

    public AuditInterceptor(AuditLog log, SearchParameterRegistry registry) {
        this.log = log;
        this.registry = registry;
    }

    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 100)
    public boolean outgoing(RequestDetails rd, ResponseDetails response) {
        IBaseResource body = response.getResponseResource();
        Set<String> patients = new TreeSet<>();
        List<String> ids = new ArrayList<>();
        if (body instanceof Bundle b && b.getType() != Bundle.BundleType.TRANSACTIONRESPONSE
                && b.getType() != Bundle.BundleType.BATCHRESPONSE) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                if (e.getResource() != null) collect(e.getResource(), patients, ids);
            }
        } else if (body instanceof Parameters p) {
            collect(p.getParameter(), patients, ids);
        } else if (body instanceof Resource r && !r.fhirType().equals("OperationOutcome")) {
            collect(r, patients, ids);
        }
        if (rd.getResource() instanceof Bundle in) {
            // What a transaction or batch wrote: the people its entries are about.
            for (Bundle.BundleEntryComponent e : in.getEntry()) {
                if (e.getResource() != null) collect(e.getResource(), patients, new ArrayList<>());
            }
        }
        rd.getUserData().put(PATIENTS_KEY, patients);
        rd.getUserData().put(WHAT_KEY, ids);
        if (rd.getRestOperationType() != RestOperationTypeEnum.METADATA && response.getResponseCode() < 400) {
            // What is about to be sent is recorded first, and committed: a crash cannot lose it (AuditLog).
            try {
                record(rd, response.getResponseCode(), "", true);
            } catch (AuditLog.AuditUnavailableException e) {
                throw new UnclassifiedServerFailureException(503, "The audit log is not reachable; nothing is sent without a record");
            }
            rd.getUserData().put(RECORDED_KEY, Boolean.TRUE);
        }
        return true;
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    public void completed(RequestDetails rd) {
        if (rd.getRestOperationType() == RestOperationTypeEnum.METADATA) return;
        if (rd.getUserData().get(RECORDED_KEY) != null) return; // recorded on the way out
        int status = rd instanceof ServletRequestDetails s ? s.getServletResponse().getStatus() : 200;
        record(rd, status, "", false);
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean failed(RequestDetails rd, BaseServerResponseException e) {
        if (rd.getTenantId() == null) return true; // no tenant, no chain to write to (unknown tenant answers 404)
        record(rd, e.getStatusCode(), e.getStatusCode() == 401 || e.getStatusCode() == 403 || e.getStatusCode() == 429 ? "refused" : "failed", false);
        return true;
    }

    @SuppressWarnings("unchecked")
    private void record(RequestDetails rd, int status, String detail, boolean durably) {
        Caller c = Caller.of(rd);
        Set<String> patients = (Set<String>) rd.getUserData().getOrDefault(PATIENTS_KEY, new TreeSet<String>());
        List<String> ids = (List<String>) rd.getUserData().getOrDefault(WHAT_KEY, List.of());
        String type = rd.getResourceName();
        RestOperationTypeEnum op = rd.getRestOperationType();
        if (patients.isEmpty() && "Patient".equals(type) && rd.getId() != null && rd.getId().hasIdPart()) {
            patients = Set.of(rd.getId().getIdPart());
        }
        StringBuilder what = new StringBuilder();
        what.append(type == null ? "" : type);
        if (rd.getId() != null && rd.getId().hasIdPart()) what.append('/').append(rd.getId().getIdPart());
        if (rd.getOperation() != null && rd.getOperation().startsWith("$")) what.append(' ').append(rd.getOperation());
        if (op == RestOperationTypeEnum.SEARCH_TYPE) {
            what.append('?').append(String.join("&", new TreeSet<>(rd.getParameters().keySet())));
        }
        if (!ids.isEmpty() && op != RestOperationTypeEnum.READ && op != RestOperationTypeEnum.VREAD) {
            what.append(" -> ").append(String.join(" ", ids.size() > 200 ? ids.subList(0, 200) : ids));
        }
        String ip = rd instanceof ServletRequestDetails s ? s.getServletRequest().getRemoteAddr() : "";
        String base = ("$subject-access".equals(rd.getOperation()) || "$reporting-extract".equals(rd.getOperation()))
                ? "export" : action(op);
        String action = status >= 400 && !"failed".equals(detail) ? "refusal:" + base : base;
        AuditRecord event = AuditRecord.of(rd.getTenantId(), action, status,
                c == null ? "anonymous" : c.subject(), c == null ? "" : c.org(), c == null ? "" : c.orgType().code(),
                c == null ? "" : String.join(" ", new TreeSet<>(c.roles())), c == null ? "" : c.purpose(), ip,
                what.toString(), new ArrayList<>(patients), detail);
        if (durably) log.recordDurably(event);
        else log.record(event);
    }

    static String action(RestOperationTypeEnum op) {
        if (op == null) return "unknown";
        return switch (op) {
            case READ -> "read";
            case VREAD -> "vread";
            case SEARCH_TYPE, SEARCH_SYSTEM -> "search";
            case HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM -> "history";
            case CREATE -> "create";
            case UPDATE -> "update";
            case DELETE -> "delete";
            case TRANSACTION -> "transaction";
            case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> "operation";
            default -> op.getCode();
        };
    }

    /** Resources inside an operation's Parameters answer (and Bundles inside those) are disclosures too. */
    private void collect(List<Parameters.ParametersParameterComponent> params, Set<String> patients, List<String> ids) {
        for (Parameters.ParametersParameterComponent p : params) {
            if (p.getResource() instanceof Bundle b) {
                for (Bundle.BundleEntryComponent e : b.getEntry()) if (e.getResource() != null) collect(e.getResource(), patients, ids);
            } else if (p.getResource() instanceof Parameters inner) {
                collect(inner.getParameter(), patients, ids);
            } else if (p.getResource() != null) {
                collect(p.getResource(), patients, ids);
            }
            collect(p.getPart(), patients, ids);
        }
    }

    private void collect(Resource r, Set<String> patients, List<String> ids) {
        if (r.getIdElement().hasIdPart()) ids.add(r.fhirType() + "/" + r.getIdElement().getIdPart());
        if (r.fhirType().equals("Patient") && r.getIdElement().hasIdPart()) {
            patients.add(r.getIdElement().getIdPart());
            return;
        }
        List<String> indexed = StoredJson.people(r);
        if (indexed != null) {
            patients.addAll(indexed); // a hollow resource: its index rows say whom its content is about
            return;
        }
        for (String p : ResourceRepository.PEOPLE.params()) {
            SearchParamDef def = registry.find(r.fhirType(), p).orElse(null);
            if (def == null) continue;
            for (Object o : SearchParameterRegistry.valuesOf(def, r)) {
                if (o instanceof Reference ref && "Patient".equals(ref.getReferenceElement().getResourceType())
                        && ref.getReferenceElement().hasIdPart()) {
                    patients.add(ref.getReferenceElement().getIdPart());
                }
            }
        }
    }

}
