package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.WriteGuard;
import org.carebridge.gateway.search.SearchParamDef;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every write, single or inside a Bundle: the scope and role must allow it, and a provider or hospital may only
 * touch what it can see and only about people and orders it can see — so a write can never open a way in.
 */
@Singleton
public class AccessWriteGuard implements WriteGuard {
    private final Visibility visibility;
    private final SearchParameterRegistry registry;

    public AccessWriteGuard(Visibility visibility, SearchParameterRegistry registry) {
        this.visibility = visibility;
        this.registry = registry;
    }

    @Override
    public void beforeWrite(RequestDetails request, String interaction, String type, IdType id, Resource resource) {
        Caller c = SecurityInterceptor.require(request);
        char op = switch (interaction) {
            case "create" -> 'c';
            case "update" -> 'u';
            default -> 'd';
        };
        if (!c.scopes().permits(type, op)) throw SecurityInterceptor.forbidden("scope does not allow " + op + " on " + type);
        if (!AccessPolicy.mayWrite(c, type, op)) {
            throw SecurityInterceptor.forbidden("this role may not " + SecurityInterceptor.verb(op) + " " + type);
        }
        if (c.party() == Caller.Party.COUNCIL) return;
        if (op != 'c') {
            // Updating or deleting what one cannot see looks exactly like touching what does not exist.
            if (id == null || !id.hasIdPart() || !visibility.visible(c, type, id.getIdPart())) {
                throw new ResourceNotFoundException("Resource " + type + "/" + (id == null ? "" : id.getIdPart()) + " is not known");
            }
        }
        if (resource == null) return;
        if (op == 'u' && answersOwnTask(c, type, id, resource)) return;
        Set<String> patients = refs(type, resource, "Patient", "patient", "subject");
        if (patients.isEmpty()) throw SecurityInterceptor.forbidden(type + " must name the person it is about");
        requireVisible(c, "Patient", patients);
        requireVisible(c, "ServiceRequest", refs(type, resource, "ServiceRequest", "based-on", "focus"));
        if (c.party() == Caller.Party.HOSPITAL && type.equals("ServiceRequest")) {
            Set<String> requesters = refs(type, resource, "Organization", "requester");
            if (requesters.isEmpty() || !visibility.ownOrganizations(c).containsAll(requesters)) {
                throw SecurityInterceptor.forbidden("a referral's requester must be the sending hospital");
            }
        }
    }

    /**
     * A provider updating a Task it owns (answering an offer, reporting progress) that leaves every reference as it
     * was: it may, even when the person is no longer visible to it (a withdrawn offer), so the Task's own rules
     * (the brokerage's 409 for a withdrawn offer) give the answer. Re-pointing the Task falls through to the checks.
     */
    private boolean answersOwnTask(Caller c, String type, IdType id, Resource resource) {
        if (c.party() != Caller.Party.PROVIDER || !type.equals("Task") || id == null || !id.hasIdPart()) return false;
        Resource stored = visibility.current(c, type, id.getIdPart()).orElse(null);
        if (stored == null) return false;
        Set<String> owners = refs(type, stored, "Organization", "owner");
        if (owners.isEmpty() || !visibility.ownOrganizations(c).containsAll(owners)) return false;
        for (String param : new String[]{"owner", "patient", "subject", "focus", "based-on"}) {
            for (String target : new String[]{"Organization", "Patient", "ServiceRequest", "CarePlan"}) {
                if (!refs(type, stored, target, param).equals(refs(type, resource, target, param))) return false;
            }
        }
        return true;
    }

    private void requireVisible(Caller c, String type, Set<String> ids) {
        if (ids.isEmpty()) return;
        Set<String> ok = visibility.visible(c, type, ids);
        for (String id : ids) {
            if (!ok.contains(id)) throw new ResourceNotFoundException("Resource " + type + "/" + id + " is not known");
        }
    }

    private Set<String> refs(String type, Resource resource, String targetType, String... params) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : params) {
            SearchParamDef def = registry.find(type, p).orElse(null);
            if (def == null) continue;
            for (Object o : SearchParameterRegistry.valuesOf(def, resource)) {
                if (o instanceof Reference ref && targetType.equals(ref.getReferenceElement().getResourceType())
                        && ref.getReferenceElement().hasIdPart()) {
                    out.add(ref.getReferenceElement().getIdPart());
                }
            }
        }
        return out;
    }
}
