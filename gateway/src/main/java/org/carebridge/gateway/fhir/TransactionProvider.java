package org.carebridge.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.carebridge.gateway.store.StoreSession;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Transaction and batch Bundles. A transaction is one database transaction: every entry applies or none does,
 * and {@code urn:uuid} references between entries are rewritten to the ids assigned. A batch applies each
 * entry on its own and reports each outcome.
 */
public class TransactionProvider {
    private final ResourceRepository repository;
    private final FhirContext ctx;
    private final List<WriteGuard> guards;

    public TransactionProvider(ResourceRepository repository, FhirContext ctx, List<WriteGuard> guards) {
        this.repository = repository;
        this.ctx = ctx;
        this.guards = guards;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
        if (bundle.getType() == Bundle.BundleType.TRANSACTION) {
            return transactionBundle(bundle, request);
        }
        if (bundle.getType() == Bundle.BundleType.BATCH) {
            return batchBundle(bundle, request);
        }
        throw new InvalidRequestException("Bundle.type: must be 'transaction' or 'batch' to be posted to the base, not '"
                + (bundle.getType() == null ? "" : bundle.getType().toCode()) + "'");
    }

    private Bundle transactionBundle(Bundle bundle, RequestDetails request) {
        List<BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            check(entries.get(i), i);
        }
        // Ids for new resources first, so references between entries can be rewritten before anything is written.
        Map<String, String> assigned = new HashMap<>();
        for (BundleEntryComponent e : entries) {
            if (e.getRequest().getMethod() == HTTPVerb.POST && e.hasFullUrl() && e.getFullUrl().startsWith("urn:")) {
                assigned.put(e.getFullUrl(), e.getResource().fhirType() + "/" + UUID.randomUUID());
            }
        }
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        entries.forEach(e -> response.addEntry());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) order.add(i);
        order.sort(Comparator.comparingInt(i -> rank(entries.get(i).getRequest().getMethod())));
        repository.store().inTenant(request.getTenantId(), s -> {
            lockUpdateTargets(s, entries);
            try {
                return repository.holdingListeners(s, () -> {
                    for (int i : order) {
                        try {
                            apply(s, entries.get(i), request, assigned, response.getEntry().get(i));
                        } catch (BaseServerResponseException ex) {
                            // Nothing of the transaction is kept; the client learns which entry failed and why.
                            throw refusal(i, ex);
                        }
                    }
                    return null;
                });
            } catch (WriteListener.Refused r) {
                // A listener that took the Bundle's writes at once refused one of them: name its entry.
                int i = entryOf(entries, r.write());
                throw i < 0 ? r.reason() : refusal(i, r.reason());
            }
        });
        return response;
    }

    private static BaseServerResponseException refusal(int entry, BaseServerResponseException ex) {
        return BaseServerResponseException.newInstance(ex.getStatusCode(), "Bundle.entry[" + entry + "]: " + ex.getMessage());
    }

    /** The entry that made a write: its resource is the one written; a delete is found by its URL. */
    private static int entryOf(List<BundleEntryComponent> entries, WriteListener.Write w) {
        for (int i = 0; i < entries.size(); i++) {
            BundleEntryComponent e = entries.get(i);
            if (w.resource() != null ? e.getResource() == w.resource()
                    : e.getRequest().getMethod() == HTTPVerb.DELETE
                    && new IdType(e.getRequest().getUrl()).getIdPart() != null
                    && w.resourceType().equals(new IdType(e.getRequest().getUrl()).getResourceType())
                    && w.id().equals(new IdType(e.getRequest().getUrl()).getIdPart())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * One locking read per resource type for every PUT at a plain id, instead of one round trip per entry; the write
     * handlers are told the same ids, for the same reason.
     */
    private void lockUpdateTargets(StoreSession s, List<BundleEntryComponent> entries) throws SQLException {
        Map<String, List<String>> byType = new HashMap<>();
        for (BundleEntryComponent e : entries) {
            String url = e.getRequest().getUrl();
            if (e.getRequest().getMethod() != HTTPVerb.PUT || url == null || url.contains("?")) continue;
            IdType target = new IdType(url);
            if (target.hasResourceType() && target.hasIdPart() && !target.hasVersionIdPart()
                    && target.getIdPart().matches("[A-Za-z0-9\\-.]{1,64}")) {
                byType.computeIfAbsent(target.getResourceType(), k -> new ArrayList<>()).add(target.getIdPart());
            }
        }
        for (var t : byType.entrySet()) s.lockCurrentAll(t.getKey(), t.getValue());
        repository.beforeUpdates(s, byType);
    }

    private Bundle batchBundle(Bundle bundle, RequestDetails request) {
        Bundle response = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        List<BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            BundleEntryComponent e = entries.get(i);
            BundleEntryComponent out = response.addEntry();
            try {
                check(e, i);
                repository.store().inTenant(request.getTenantId(), s -> {
                    apply(s, e, request, new HashMap<>(), out);
                    return null;
                });
            } catch (BaseServerResponseException ex) {
                OperationOutcome oo = new OperationOutcome();
                oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setCode(OperationOutcome.IssueType.PROCESSING)
                        .setDiagnostics("Bundle.entry[" + i + "]: " + ex.getMessage());
                out.getResponse().setStatus(ex.getStatusCode() + " " + ex.getStatusCode()).setOutcome(oo);
            }
        }
        return response;
    }

    private void check(BundleEntryComponent e, int i) {
        HTTPVerb m = e.getRequest().getMethod();
        if (m == null) throw new InvalidRequestException("Bundle.entry[" + i + "].request.method: missing");
        if (m != HTTPVerb.POST && m != HTTPVerb.PUT && m != HTTPVerb.DELETE) {
            throw new InvalidRequestException("Bundle.entry[" + i + "].request.method: " + m.toCode()
                    + " is not supported in a Bundle here (POST, PUT, DELETE)");
        }
        if (m != HTTPVerb.DELETE && !(e.getResource() instanceof Resource)) {
            throw new InvalidRequestException("Bundle.entry[" + i + "].resource: missing for " + m.toCode());
        }
        if (!e.getRequest().hasUrl()) throw new InvalidRequestException("Bundle.entry[" + i + "].request.url: missing");
    }

    private void apply(StoreSession s, BundleEntryComponent e, RequestDetails request, Map<String, String> assigned,
                       BundleEntryComponent out) throws SQLException {
        String url = e.getRequest().getUrl();
        Resource resource = e.getResource();
        if (resource != null) rewriteReferences(resource, assigned);
        MethodOutcome mo;
        switch (e.getRequest().getMethod()) {
            case POST -> {
                guards.forEach(g -> g.beforeWrite(request, "create", resource.fhirType(), null, resource));
                String newId = e.hasFullUrl() ? assigned.get(e.getFullUrl()) : null;
                mo = repository.create(s, resource, e.getRequest().getIfNoneExist(),
                        newId == null ? null : new IdType(newId).getIdPart());
                out.getResponse().setStatus(Boolean.TRUE.equals(mo.getCreated()) ? "201 Created" : "200 OK");
                if (e.hasFullUrl() && newId == null && mo.getId() != null) {
                    assigned.put(e.getFullUrl(), mo.getId().toUnqualifiedVersionless().getValue());
                }
            }
            case PUT -> {
                IdType target = url.contains("?") ? null : new IdType(url);
                guards.forEach(g -> g.beforeWrite(request, "update", resource.fhirType(), target, resource));
                if (target != null && !resource.getIdElement().hasIdPart()) resource.setId(target.getIdPart());
                mo = repository.update(s, target, resource, url.contains("?") ? url : null);
                out.getResponse().setStatus(Boolean.TRUE.equals(mo.getCreated()) ? "201 Created" : "200 OK");
            }
            case DELETE -> {
                IdType target = new IdType(url);
                guards.forEach(g -> g.beforeWrite(request, "delete", target.getResourceType(), target, null));
                mo = repository.delete(s, target.getResourceType(), target);
                out.getResponse().setStatus("204 No Content");
            }
            default -> throw new IllegalStateException();
        }
        if (mo.getId() != null) {
            out.getResponse().setLocation(mo.getId().getValue());
            out.getResponse().setEtag("W/\"" + mo.getId().getVersionIdPart() + "\"");
        }
        if (mo.getResource() != null) {
            out.getResponse().setLastModified(((Resource) mo.getResource()).getMeta().getLastUpdated());
        }
    }

    private void rewriteReferences(Resource resource, Map<String, String> assigned) {
        if (assigned.isEmpty()) return;
        for (Reference ref : ctx.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            String target = assigned.get(ref.getReference());
            if (target != null) ref.setReference(target);
        }
    }

    private static int rank(HTTPVerb m) {
        return switch (m) {
            case DELETE -> 0;
            case POST -> 1;
            case PUT, PATCH -> 2;
            default -> 3;
        };
    }
}
