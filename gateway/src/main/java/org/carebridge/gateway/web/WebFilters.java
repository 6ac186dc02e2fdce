package org.carebridge.gateway.web;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.servlet.api.annotation.ServletFilterBean;
import org.carebridge.gateway.fhir.LimitsConfig;

/** Servlet filters around the FHIR servlet (Micronaut's own filters do not wrap it). */
@Factory
public class WebFilters {

    @ServletFilterBean(filterName = "fhir-body-limit", value = "/fhir/*")
    FhirBodyLimitFilter fhirBodyLimitFilter(LimitsConfig limits, FhirContext ctx) {
        return new FhirBodyLimitFilter(limits, ctx);
    }
}
