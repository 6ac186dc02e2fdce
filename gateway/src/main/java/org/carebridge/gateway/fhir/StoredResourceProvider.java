package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.carebridge.gateway.store.SearchPage;
import org.carebridge.gateway.store.SearchSpec;
import org.carebridge.gateway.store.StoredResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * The FHIR REST interactions for one resource type, all backed by the store. Thin on purpose: permissions,
 * audit and validation are interceptors, so no interaction can forget them.
 */
public class StoredResourceProvider<T extends Resource> implements IResourceProvider {
    /** Filtered history is paged in memory; no resource of this domain has anywhere near this many versions. */
    private static final int MAX_FILTERED_HISTORY = 1000;
    private final Class<T> type;
    private final String typeName;
    private final ResourceRepository repository;
    private final SearchRequestParser parser;
    private final List<SearchSpecFilter> filters;
    private final List<WriteGuard> guards;
    private final List<HistoryFilter> historyFilters;
    private final List<ResponseContentReader> contentReaders;

    public StoredResourceProvider(Class<T> type, ResourceRepository repository, SearchRequestParser parser,
                                  List<SearchSpecFilter> filters, List<WriteGuard> guards) {
        this(type, repository, parser, filters, guards, List.of());
    }

    public StoredResourceProvider(Class<T> type, ResourceRepository repository, SearchRequestParser parser,
                                  List<SearchSpecFilter> filters, List<WriteGuard> guards,
                                  List<HistoryFilter> historyFilters) {
        this(type, repository, parser, filters, guards, historyFilters, List.of());
    }

    public StoredResourceProvider(Class<T> type, ResourceRepository repository, SearchRequestParser parser,
                                  List<SearchSpecFilter> filters, List<WriteGuard> guards,
                                  List<HistoryFilter> historyFilters, List<ResponseContentReader> contentReaders) {
        this.contentReaders = contentReaders;
        this.guards = guards;
        this.historyFilters = historyFilters;
        this.type = type;
        this.typeName = type.getSimpleName();
        this.repository = repository;
        this.parser = parser;
        this.filters = filters;
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    /**
     * A read of the current version takes the search filters' restrictions (the caller's visibility) into its one
     * statement, so it needs no separate visibility probe; a vread is checked by the security gate as before.
     */
    @Read(version = true)
    public T read(@IdParam IdType id, RequestDetails request) {
        if (id.hasVersionIdPart()) return type.cast(repository.readForResponse(request.getTenantId(), typeName, id));
        SearchSpec spec = new SearchSpec(typeName, List.of(new SearchSpec.IdIn(List.of(id.getIdPart()))), List.of(),
                0, 1, false, List.of(), List.of());
        for (SearchSpecFilter f : filters) {
            spec = f.apply(request, spec);
        }
        return type.cast(repository.readForResponse(request.getTenantId(), typeName, id, spec.restrictions(),
                hollow(request, typeName)));
    }

    /** May resources of this type answer this request hollow: sent as stored, and no outgoing hook reads them? */
    private boolean hollow(RequestDetails request, String resourceType) {
        if (!StoredJsonResponder.sendsStored(request)) return false;
        for (ResponseContentReader r : contentReaders) {
            if (r.readsContent(request, resourceType)) return false;
        }
        return true;
    }

    @Create
    public MethodOutcome create(@ResourceParam T resource, @ConditionalUrlParam String conditional, RequestDetails request) {
        guards.forEach(g -> g.beforeWrite(request, "create", typeName, null, resource));
        String ifNoneExist = request.getHeader(Constants.HEADER_IF_NONE_EXIST);
        return repository.create(request.getTenantId(), resource, ifNoneExist != null ? ifNoneExist : conditional);
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam T resource, @ConditionalUrlParam String conditional,
                                RequestDetails request) {
        guards.forEach(g -> g.beforeWrite(request, "update", typeName, conditional == null ? id : null, resource));
        return repository.update(request.getTenantId(), id, resource, conditional);
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id, RequestDetails request) {
        guards.forEach(g -> g.beforeWrite(request, "delete", typeName, id, null));
        return repository.delete(request.getTenantId(), typeName, id);
    }

    @History
    public IBundleProvider history(@IdParam IdType id, RequestDetails request) {
        SearchSpec paging = parser.parse(typeName, java.util.Map.of(
                "_count", request.getParameters().getOrDefault("_count", new String[0]),
                "_offset", request.getParameters().getOrDefault("_offset", new String[0])));
        String tenant = request.getTenantId();
        int total;
        List<StoredResource> versions;
        List<HistoryFilter> restricting = historyFilters.stream().filter(f -> f.restricts(request, typeName)).toList();
        if (restricting.isEmpty()) {
            total = repository.historyCount(tenant, typeName, id.getIdPart());
            versions = repository.history(tenant, typeName, id.getIdPart(), paging.offset(), paging.count());
        } else {
            // Versions some callers may not see: filter all of them first, so totals and pages count visible ones only.
            List<StoredResource> all = repository.history(tenant, typeName, id.getIdPart(), 0, MAX_FILTERED_HISTORY);
            for (HistoryFilter f : restricting) all = f.visible(request, typeName, id.getIdPart(), all);
            total = all.size();
            versions = all.subList(Math.min(paging.offset(), total), Math.min(paging.offset() + paging.count(), total));
        }
        List<Resource> out = new ArrayList<>();
        for (StoredResource v : versions) {
            Resource r = v.deleted() ? PageBundleProvider.deletedMarker(type, v) : repository.parse(v);
            out.add(PageBundleProvider.withHistoryMethod(r, v.method()));
        }
        return new PageBundleProvider(out, total, paging.offset(), paging.count());
    }

    @Search(allowUnknownParams = true)
    public IBundleProvider search(RequestDetails request) {
        SearchSpec spec = parser.parse(typeName, request.getParameters());
        for (SearchSpecFilter f : filters) {
            spec = f.apply(request, spec);
        }
        boolean stored = StoredJsonResponder.sendsStored(request);
        SearchPage page = repository.searchForResponse(request.getTenantId(), spec, stored);
        List<Resource> out = new ArrayList<>(page.matches().size() + page.included().size());
        boolean hollowMatches = hollow(request, typeName);
        page.matches().forEach(m -> out.add(PageBundleProvider.asMatch(repository.forResponse(m, hollowMatches))));
        java.util.Map<String, Boolean> hollowIncludes = new java.util.HashMap<>();
        page.included().forEach(i -> out.add(PageBundleProvider.asInclude(repository.forResponse(i,
                hollowIncludes.computeIfAbsent(i.type(), t -> hollow(request, t))))));
        return new PageBundleProvider(out, page.total(), spec.offset(), spec.count());
    }
}
