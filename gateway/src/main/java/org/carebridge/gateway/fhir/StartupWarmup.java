package org.carebridge.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import java.util.ArrayList;
import java.util.List;
import org.carebridge.gateway.profiles.ProfileValidation;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first bean created at start-up: it sets off the work that needs neither the database nor other beans on
 * background threads, so it overlaps with what the main thread waits for (embedded PostgreSQL, Flyway) instead of
 * following it. HAPI's model scan of the served types (FhirContext caches it; RestfulServer.init and the first
 * CapabilityStatement then find it done) and, by creating {@link ProfileValidation}, the parse of the served
 * implementation guide that {@code /metadata} names.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(StartupWarmup.class);

    StartupWarmup(FhirContext ctx, ProfileValidation validation) {
        Thread t = new Thread(() -> scan(ctx), "fhir-model-scan");
        t.setDaemon(true);
        t.start();
    }

    private static void scan(FhirContext ctx) {
        long t0 = System.nanoTime();
        List<Class<? extends Resource>> types = new ArrayList<>(SearchParameterRegistry.RESOURCE_TYPES);
        types.addAll(List.of(Bundle.class, OperationOutcome.class, CapabilityStatement.class, Parameters.class,
                MessageHeader.class, StructureDefinition.class, ValueSet.class, CodeSystem.class, SearchParameter.class));
        try {
            for (Class<? extends Resource> type : types) {
                ctx.getResourceDefinition(type); // synchronized inside HAPI: safe beside the main thread's own scans
            }
            LOG.debug("FHIR model of {} types scanned in {} ms", types.size(), (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            // Only a head start: the main thread scans whatever is missing, and reports any real problem.
            LOG.debug("FHIR model pre-scan stopped: {}", e.toString());
        }
    }
}
