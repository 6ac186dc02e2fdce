package org.carebridge.gateway.observability;

import io.micronaut.context.annotation.Factory;
import io.micronaut.servlet.api.annotation.ServletFilterBean;

@Factory
class ObservabilityFilters {
    @ServletFilterBean(filterName = "correlation-id", value = "/*")
    CorrelationIdFilter correlationIdFilter() {
        return new CorrelationIdFilter();
    }
}
