package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.HistoryFilter;
import org.carebridge.gateway.store.StoredResource;

import java.util.List;

/** {@code _history} shows a restricted caller only the versions it could have seen (see {@link Visibility#visibleVersions}). */
@Singleton
public class VersionVisibility implements HistoryFilter {
    private final Visibility visibility;

    public VersionVisibility(Visibility visibility) {
        this.visibility = visibility;
    }

    @Override
    public boolean restricts(RequestDetails request, String type) {
        Caller c = Caller.of(request);
        return c == null || !(visibility.policy().readAccess(c, type) instanceof AccessPolicy.All);
    }

    @Override
    public List<StoredResource> visible(RequestDetails request, String type, String id, List<StoredResource> versions) {
        Caller c = Caller.of(request);
        if (c == null) return List.of();
        return visibility.visibleVersions(c, type, id, versions);
    }
}
