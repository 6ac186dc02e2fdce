package org.carebridge.gateway.routes;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code carebridge.routes.*}.
 *
 * @param configDir           directory of the per-tenant channel files (kent.yaml, lbhf.yaml...)
 * @param failingAfter        consecutive failed attempts after which a route counts as failing (health DOWN)
 */
@ConfigurationProperties("carebridge.routes")
public record RoutesSettings(@Bindable(defaultValue = "config/routes") String configDir,
                             @Bindable(defaultValue = "3") int failingAfter) {
}
