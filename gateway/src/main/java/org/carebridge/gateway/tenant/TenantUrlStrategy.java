package org.carebridge.gateway.tenant;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.tenant.UrlBaseTenantIdentificationStrategy;
import ca.uhn.fhir.util.UrlPathTokenizer;

/** {@code /fhir/{tenant}/...}: the first path segment names the council; an unknown one is a 404. */
public class TenantUrlStrategy extends UrlBaseTenantIdentificationStrategy {
    private final TenantRegistry tenants;

    public TenantUrlStrategy(TenantRegistry tenants) {
        this.tenants = tenants;
    }

    @Override
    public void extractTenant(UrlPathTokenizer urlPathTokenizer, RequestDetails requestDetails) {
        super.extractTenant(urlPathTokenizer, requestDetails);
        String tenant = requestDetails.getTenantId();
        if (!tenants.exists(tenant)) {
            requestDetails.setTenantId(null);
            throw new ResourceNotFoundException("Unknown tenant: this gateway serves "
                    + String.join(", ", tenants.all().stream().map(TenantConfig::id).sorted().toList())
                    + " at /fhir/{tenant}");
        }
    }
}
