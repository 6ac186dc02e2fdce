package org.carebridge.gateway.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.tenant.TenantConfig;
import org.carebridge.gateway.tenant.TenantRegistry;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.List;

/**
 * With {@code carebridge.demo-data=true}, gives every tenant a small, made-up caseload (fictitious people with
 * test-range NHS numbers) for the current week. Runs once per data directory: a marker resource says it is done.
 */
@Singleton
@Requires(property = "carebridge.demo-data", value = "true")
public class DemoDataLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DemoDataLoader.class);

    private final ResourceRepository repository;
    private final TenantRegistry tenants;

    public DemoDataLoader(ResourceRepository repository, TenantRegistry tenants) {
        this.repository = repository;
        this.tenants = tenants;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        for (TenantConfig t : tenants.all()) {
            repository.store().inTenant(t.id(), s -> {
                if (s.read("Organization", DemoCaseload.MARKER_ID).isPresent()) {
                    return null;
                }
                List<Resource> resources = DemoCaseload.build(t.id(), LocalDate.now());
                for (Resource r : resources) {
                    repository.update(s, new IdType(r.fhirType(), r.getIdElement().getIdPart()), r, null);
                }
                LOG.info("Demo data loaded for tenant {}: {} resources", t.id(), resources.size());
                return null;
            });
        }
    }
}
