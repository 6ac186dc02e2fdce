package org.carebridge.gateway.tenant;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/** One council served by this gateway: {@code carebridge.tenants.<id>.*}. */
@EachProperty("carebridge.tenants")
public record TenantConfig(@Parameter String id, String name, String councilCode) {
}
