package org.carebridge.gateway.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.carebridge.gateway.fhir.StoredJson;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gate of the FHIR endpoint: authenticates every request but {@code GET metadata} (the CapabilityStatement
 * is public: it names no person), checks role and scope for the interaction, makes an instance the caller may
 * not see answer exactly as a missing one, and on the way out drops what the caller may not see (includes,
 * operation results) and redacts what its role does not need.
 */
@Interceptor
public class SecurityInterceptor {
    private static final Set<String> STORED_TYPES = Set.copyOf(SearchParameterRegistry.RESOURCE_TYPES.stream()
            .map(Class::getSimpleName).toList());


    private final TokenVerifier verifier;
    private final Visibility visibility;
    private final Redactor redactor;
    private final RateLimiter rateLimiter;

    public SecurityInterceptor(TokenVerifier verifier, Visibility visibility, Redactor redactor, RateLimiter rateLimiter) {
        this.verifier = verifier;
        this.visibility = visibility;
        this.redactor = redactor;
        this.rateLimiter = rateLimiter;
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = -100)
    public void incoming(RequestDetails rd, RestOperationTypeEnum op) {
        if (op == RestOperationTypeEnum.METADATA) return;
        // The implementation guide (StructureDefinitions, ValueSets...) names no person: public like metadata.
        if (org.carebridge.gateway.profiles.ConformanceProvider.isPublic(rd.getResourceName(), op)) return;
        String ip = rd instanceof ServletRequestDetails s ? s.getServletRequest().getRemoteAddr() : "";
        Caller c = verifier.verify(rd.getTenantId(), rd.getHeader(Constants.HEADER_AUTHORIZATION), ip);
        rd.getUserData().put(Caller.USER_DATA_KEY, c);
        if (!rateLimiter.tryAcquire(c.subject() + "|" + c.org())) {
            UnclassifiedServerFailureException e = new UnclassifiedServerFailureException(429,
                    "Too many requests from this client; slow down and retry");
            e.addResponseHeader("Retry-After", "1");
            throw e;
        }
        if (c.party() == Caller.Party.NONE) throw forbidden("the token's roles give no access for its organisation type");
        String type = rd.getResourceName();
        switch (op) {
            case READ, VREAD, HISTORY_INSTANCE -> {
                requireRead(c, type, 'r');
                String id = rd.getId() == null ? null : rd.getId().getIdPart();
                // A READ of the current version is restricted in its own statement (VisibilityFilter, as a search):
                // missing and invisible answer alike there, and the way out probes if that did not happen.
                if (id != null && op != RestOperationTypeEnum.READ
                        && !(visibility.policy().readAccess(c, type) instanceof AccessPolicy.All)
                        && !visibility.visible(c, type, id)) {
                    throw new ResourceNotFoundException("Resource " + type + "/" + id + " is not known");
                }
                if (op == RestOperationTypeEnum.VREAD && id != null && rd.getId().hasVersionIdPart()
                        && rd.getId().isVersionIdPartValidLong()
                        && !visibility.versionVisible(c, type, id, rd.getId().getVersionIdPartAsLong())) {
                    // An earlier version this caller could not have seen answers like a version that never existed.
                    throw new ResourceNotFoundException("Resource " + type + "/" + id + "/_history/"
                            + rd.getId().getVersionIdPart() + " is not known");
                }
            }
            case SEARCH_TYPE -> requireRead(c, type, 's');
            case CREATE -> {
                requireWrite(c, type, 'c');
                if (rd.getHeader(Constants.HEADER_IF_NONE_EXIST) != null) requireUnrestricted(c, "Conditional create");
            }
            case UPDATE -> {
                requireWrite(c, type, 'u');
                if (rd.getConditionalUrl(RestOperationTypeEnum.UPDATE) != null) requireUnrestricted(c, "Conditional update");
            }
            case DELETE -> {
                requireWrite(c, type, 'd');
                if (rd.getConditionalUrl(RestOperationTypeEnum.DELETE) != null) requireUnrestricted(c, "Conditional delete");
            }
            // Entries are checked one by one (WriteGuard). Council systems post any Bundle; a provider office (a
            // weekly rota, ECM) only plain creates and updates, so no conditional entry can reveal a resource its
            // sender may not see.
            case TRANSACTION, BATCH -> {
                if (c.party() == Caller.Party.PROVIDER && c.roles().contains(Caller.PROVIDER_OFFICE)) providerBundle(c, rd);
                else requireUnrestricted(c, "A transaction or batch Bundle");
            }
            case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> operation(c, rd);
            default -> throw forbidden("this interaction is not available");
        }
    }

    private void operation(Caller c, RequestDetails rd) {
        String name = rd.getOperation();
        boolean ok = switch (name == null ? "" : name) {
            case "$subject-access", "$verify-audit-chain" -> c.isDpo();
            // $validate reads nothing stored and writes nothing: any party may check what it is about to send.
            case "$validate" -> true;
            case "$process-message" -> c.party() == Caller.Party.COUNCIL || c.party() == Caller.Party.HOSPITAL
                    || c.party() == Caller.Party.PROVIDER;
            case "$reporting-extract" -> c.party() == Caller.Party.COUNCIL || c.party() == Caller.Party.DPO;
            // Each type of the answer goes through the caller's visibility (PatientEverything), the Patient here.
            case "$everything" -> "Patient".equals(rd.getResourceName()) && rd.getId() != null && rd.getId().hasIdPart()
                    && c.scopes().permits("Patient", 'r') && !(visibility.policy().readAccess(c, "Patient") instanceof AccessPolicy.Deny);
            default -> c.party() == Caller.Party.COUNCIL; // deny by default: unknown operations are for the council only
        };
        if (!ok) throw forbidden("operation " + name + " is not available to this role");
        if (rd.getId() != null && rd.getResourceName() != null && rd.getId().hasIdPart()
                && !(visibility.policy().readAccess(c, rd.getResourceName()) instanceof AccessPolicy.All)
                && !visibility.visible(c, rd.getResourceName(), rd.getId().getIdPart())) {
            throw new ResourceNotFoundException("Resource " + rd.getResourceName() + "/" + rd.getId().getIdPart() + " is not known");
        }
    }

    private void requireRead(Caller c, String type, char interaction) {
        if (!c.scopes().permits(type, interaction)) throw forbidden("scope does not allow " + interaction + " on " + type);
        if (visibility.policy().readAccess(c, type) instanceof AccessPolicy.Deny) {
            throw forbidden("this role may not read " + type);
        }
    }

    private static void requireWrite(Caller c, String type, char interaction) {
        if (!c.scopes().permits(type, interaction)) throw forbidden("scope does not allow " + interaction + " on " + type);
        if (!AccessPolicy.mayWrite(c, type, interaction)) throw forbidden("this role may not " + verb(interaction) + " " + type);
    }

    private static void providerBundle(Caller c, RequestDetails rd) {
        ca.uhn.fhir.rest.api.EncodingEnum enc = ca.uhn.fhir.rest.server.RestfulServerUtils.determineRequestEncodingNoDefault(rd);
        ca.uhn.fhir.parser.IParser parser = (enc == null ? ca.uhn.fhir.rest.api.EncodingEnum.JSON : enc).newParser(rd.getFhirContext());
        org.hl7.fhir.r4.model.Bundle b;
        try {
            b = parser.parseResource(org.hl7.fhir.r4.model.Bundle.class,
                    new String(rd.loadRequestContents(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (ca.uhn.fhir.parser.DataFormatException e) {
            return; // the transaction method reports the malformed body
        }
        for (org.hl7.fhir.r4.model.Bundle.BundleEntryComponent e : b.getEntry()) {
            var req = e.getRequest();
            boolean plain = (req.getMethod() == org.hl7.fhir.r4.model.Bundle.HTTPVerb.POST
                    || req.getMethod() == org.hl7.fhir.r4.model.Bundle.HTTPVerb.PUT)
                    && !req.hasIfNoneExist() && !req.hasIfMatch() && (!req.hasUrl() || !req.getUrl().contains("?"));
            if (!plain) throw forbidden("a provider's Bundle may only create and update (no conditional or other entries)");
            // The whole Bundle is refused up front for an entry its sender may never write (rows are checked later).
            String type = e.getResource() == null ? null : e.getResource().fhirType();
            if (type == null) throw forbidden("a provider's Bundle entry must carry a resource");
            requireWrite(c, type, req.getMethod() == org.hl7.fhir.r4.model.Bundle.HTTPVerb.POST ? 'c' : 'u');
        }
    }

    private static void requireUnrestricted(Caller c, String what) {
        if (c.party() != Caller.Party.COUNCIL) throw forbidden(what + " is available to council systems only");
    }

    static String verb(char interaction) {
        return switch (interaction) {
            case 'c' -> "create";
            case 'u' -> "update";
            case 'd' -> "delete";
            case 'r' -> "read";
            default -> "search";
        };
    }

    static ForbiddenOperationException forbidden(String why) {
        return new ForbiddenOperationException("Access denied: " + why);
    }

    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 0)
    public boolean outgoing(RequestDetails rd, ResponseDetails response) {
        Caller c = Caller.of(rd);
        IBaseResource body = response.getResponseResource();
        if (c == null || body == null) return true;
        if (body instanceof Bundle b) {
            filterAndRedact(c, b, restrictedMatchType(rd, b));
        } else if (body instanceof Parameters p) {
            filterParameters(c, p.getParameter());
        } else if (body instanceof Resource r) {
            if (STORED_TYPES.contains(r.fhirType()) && r.getIdElement().hasIdPart()
                    && !(visibility.policy().readAccess(c, r.fhirType()) instanceof AccessPolicy.All)
                    && !restrictedRead(rd, r)
                    && !visibility.visible(c, r.fhirType(), r.getIdElement().getIdPart())) {
                // An operation (or a write) answered with something this caller may not see: nothing is sent.
                throw new ResourceNotFoundException("Resource " + r.fhirType() + "/" + r.getIdElement().getIdPart() + " is not known");
            }
            redact(c, List.of(r));
        }
        return true;
    }

    /**
     * A READ answering with exactly the resource it asked for, read under the visibility restriction of its type
     * ({@link VisibilityFilter} noted it on the request), needs no probe: the statement that found it checked it.
     */
    private static boolean restrictedRead(RequestDetails rd, Resource r) {
        return rd.getRestOperationType() == RestOperationTypeEnum.READ && rd.getId() != null
                && !rd.getId().hasVersionIdPart() && r.fhirType().equals(rd.getResourceName())
                && rd.getId().getIdPart().equals(r.getIdElement().getIdPart())
                && rd.getUserData().get(VisibilityFilter.RESTRICTED_MATCHES) instanceof Set<?> types
                && types.contains(r.fhirType());
    }

    /**
     * The type whose {@code match} entries the SQL visibility restriction already admitted in this request: only
     * for the searchset of a type search, whose matches {@link VisibilityFilter} restricted. Else null.
     */
    private static String restrictedMatchType(RequestDetails rd, Bundle b) {
        String type = rd.getResourceName();
        if (rd.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE || b.getType() != Bundle.BundleType.SEARCHSET
                || type == null || !(rd.getUserData().get(VisibilityFilter.RESTRICTED_MATCHES) instanceof Set<?> types)
                || !types.contains(type)) {
            return null;
        }
        return type;
    }

    private void filterAndRedact(Caller c, Bundle b, String restrictedType) {
        filterBundle(c, b, restrictedType);
        redact(c, b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(java.util.Objects::nonNull).toList());
    }

    /** Minimisation of what is about to be sent; a provider's own placed orders are told apart from mere offers. */
    private void redact(Caller c, List<Resource> resources) {
        List<Resource> todo = resources.stream().filter(r -> Redactor.applies(c, r.fhirType())).toList();
        if (todo.isEmpty()) return;
        Set<String> assigned = Set.of();
        if (c.party() == Caller.Party.PROVIDER) {
            List<String> orders = todo.stream().filter(r -> r.fhirType().equals("ServiceRequest") && r.getIdElement().hasIdPart())
                    .map(r -> r.getIdElement().getIdPart()).toList();
            if (!orders.isEmpty()) assigned = visibility.assignedOrders(c, orders);
        }
        Set<String> placed = assigned;
        for (Resource r : todo) redactor.redact(c, StoredJson.content(r), placed::contains);
    }

    /**
     * An operation's Parameters answer, entry by entry like a Bundle: a part holding a resource the caller may not
     * see is dropped, Bundles inside are filtered, the rest redacted. Parts without a resource (counts, flags) stay.
     */
    private void filterParameters(Caller c, List<Parameters.ParametersParameterComponent> params) {
        Map<String, List<String>> byType = new HashMap<>();
        for (Parameters.ParametersParameterComponent p : params) {
            Resource r = p.getResource();
            if (r != null && !(r instanceof Bundle) && !(r instanceof Parameters)
                    && STORED_TYPES.contains(r.fhirType()) && r.getIdElement().hasIdPart()
                    && !(visibility.policy().readAccess(c, r.fhirType()) instanceof AccessPolicy.All)) {
                byType.computeIfAbsent(r.fhirType(), k -> new ArrayList<>()).add(r.getIdElement().getIdPart());
            }
        }
        Map<String, Set<String>> visible = new HashMap<>();
        byType.forEach((type, ids) -> visible.put(type, visibility.visible(c, type, ids)));
        params.removeIf(p -> {
            Resource r = p.getResource();
            if (r == null || r instanceof Bundle || r instanceof Parameters) return false;
            if (!STORED_TYPES.contains(r.fhirType())) return false;
            if (visibility.policy().readAccess(c, r.fhirType()) instanceof AccessPolicy.All) return false;
            Set<String> ok = visible.get(r.fhirType());
            return ok == null || !ok.contains(r.getIdElement().getIdPart()); // no id, or a type never visible: dropped
        });
        for (Parameters.ParametersParameterComponent p : params) {
            if (p.getResource() instanceof Bundle b) filterAndRedact(c, b, null);
            else if (p.getResource() instanceof Parameters inner) filterParameters(c, inner.getParameter());
            else if (p.getResource() != null) redact(c, List.of(p.getResource()));
            if (p.hasPart()) filterParameters(c, p.getPart());
        }
    }

    /**
     * Drops every entry (include, operation output) the caller may not see. Entries of mode {@code match} of
     * {@code restrictedType} (non-null only for a type search the SQL restriction covered) are not checked again.
     */
    private void filterBundle(Caller c, Bundle b, String restrictedType) {
        Map<String, List<String>> byType = new HashMap<>();
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            Resource r = e.getResource();
            if (r == null || !STORED_TYPES.contains(r.fhirType()) || !r.getIdElement().hasIdPart()) continue;
            if (restrictedMatch(e, restrictedType)) continue;
            if (visibility.policy().readAccess(c, r.fhirType()) instanceof AccessPolicy.All) continue;
            byType.computeIfAbsent(r.fhirType(), k -> new ArrayList<>()).add(r.getIdElement().getIdPart());
        }
        if (byType.isEmpty()) return;
        Map<String, Set<String>> visible = new HashMap<>();
        byType.forEach((type, ids) -> visible.put(type, visibility.visible(c, type, ids)));
        b.getEntry().removeIf(e -> {
            Resource r = e.getResource();
            if (r == null || restrictedMatch(e, restrictedType)) return false;
            Set<String> ok = visible.get(r.fhirType());
            if (ok == null) {
                // A stored type with no id, or a type this role may never see: keep only what is not stored data.
                return STORED_TYPES.contains(r.fhirType()) && !(visibility.policy().readAccess(c, r.fhirType()) instanceof AccessPolicy.All);
            }
            return !ok.contains(r.getIdElement().getIdPart());
        });
    }

    private static boolean restrictedMatch(Bundle.BundleEntryComponent e, String restrictedType) {
        return restrictedType != null && e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH
                && restrictedType.equals(e.getResource().fhirType());
    }

    /** For code that needs the caller outside the interceptor (guards, filters). */
    static Caller require(RequestDetails rd) {
        Caller c = Caller.of(rd);
        if (c == null) throw new AuthenticationException("Authentication required");
        return c;
    }
}
