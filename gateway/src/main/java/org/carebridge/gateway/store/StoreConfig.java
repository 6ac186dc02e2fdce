package org.carebridge.gateway.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** {@code carebridge.store.*}: how the gateway reaches PostgreSQL. */
@ConfigurationProperties("carebridge.store")
public record StoreConfig(@Bindable(defaultValue = "12") int poolSize,
                          @Bindable(defaultValue = "carebridge_app") String appRole,
                          @Bindable(defaultValue = "force_generic_plan") String planCacheMode,
                          Embedded embedded) {

    @ConfigurationProperties("embedded")
    public record Embedded(@Bindable(defaultValue = "data/postgres") String dataDir,
                           @Bindable(defaultValue = "0") int port,
                           // pg_stat_statements loaded and created: per-statement times for a benchmark's profile.
                           @Bindable(defaultValue = "false") boolean statementStatistics) {
    }
}
