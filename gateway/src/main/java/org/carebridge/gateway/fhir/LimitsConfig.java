package org.carebridge.gateway.fhir;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** {@code carebridge.limits.*}: sizes the FHIR endpoint accepts. */
@ConfigurationProperties("carebridge.limits")
public record LimitsConfig(@Bindable(defaultValue = "4194304") long maxFhirBodyBytes,
                           @Bindable(defaultValue = "50") int defaultPageSize,
                           @Bindable(defaultValue = "500") int maxPageSize) {
}
