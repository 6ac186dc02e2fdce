package org.carebridge.gateway.fhir;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.model.valueset.BundleEntryTransactionMethodEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import org.carebridge.gateway.store.StoredResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;

import java.util.Date;
import java.util.List;

/**
 * One page already fetched from the store. Reporting a current offset makes HAPI build stateless
 * {@code _offset}/{@code _count} links, which keep working across restarts and nodes.
 */
final class PageBundleProvider implements IBundleProvider {
    private final List<IBaseResource> resources;
    private final int total;
    private final int offset;
    private final int pageSize;
    private final InstantType published = InstantType.withCurrentTime();

    PageBundleProvider(List<? extends IBaseResource> resources, int total, int offset, int pageSize) {
        this.resources = List.copyOf(resources);
        this.total = total;
        this.offset = offset;
        this.pageSize = Math.max(pageSize, 1);
    }

    static Resource asMatch(Resource r) {
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(r, BundleEntrySearchModeEnum.MATCH);
        return r;
    }

    static Resource asInclude(Resource r) {
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(r, BundleEntrySearchModeEnum.INCLUDE);
        return r;
    }

    /** History entries say how each version came to be (POST, PUT or DELETE). */
    static Resource withHistoryMethod(Resource r, String method) {
        if (method != null) {
            ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD.put(r, BundleEntryTransactionMethodEnum.valueOf(method));
        }
        return r;
    }

    static <T extends Resource> Resource deletedMarker(Class<T> type, StoredResource v) {
        try {
            Resource r = type.getDeclaredConstructor().newInstance();
            r.setId(new IdType(v.type(), v.id(), String.valueOf(v.version())));
            ResourceMetadataKeyEnum.DELETED_AT.put(r, new InstantType(Date.from(v.lastUpdated())));
            return r;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public IPrimitiveType<Date> getPublished() {
        return published;
    }

    @Override
    public List<IBaseResource> getResources(int from, int to) {
        return resources;
    }

    @Override
    public Integer getCurrentPageOffset() {
        return offset;
    }

    @Override
    public Integer getCurrentPageSize() {
        return pageSize;
    }

    @Override
    public String getUuid() {
        return null;
    }

    @Override
    public Integer preferredPageSize() {
        return pageSize;
    }

    @Override
    public Integer size() {
        return total;
    }
}
