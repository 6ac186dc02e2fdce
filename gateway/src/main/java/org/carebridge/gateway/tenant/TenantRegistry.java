package org.carebridge.gateway.tenant;

import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The configured councils. A tenant that is not here does not exist, on every path. */
@Singleton
public class TenantRegistry {
    private static final Pattern TENANT_ID = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    private final Map<String, TenantConfig> tenants;

    public TenantRegistry(List<TenantConfig> configured) {
        for (TenantConfig t : configured) {
            if (!TENANT_ID.matcher(t.id()).matches()) {
                throw new IllegalStateException("carebridge.tenants." + t.id()
                        + ": a tenant id is 2-32 lower-case letters, digits or '-', starting with a letter");
            }
        }
        this.tenants = configured.stream().collect(Collectors.toUnmodifiableMap(TenantConfig::id, Function.identity()));
    }

    public Optional<TenantConfig> find(String id) {
        return Optional.ofNullable(id == null ? null : tenants.get(id));
    }

    public boolean exists(String id) {
        return id != null && tenants.containsKey(id);
    }

    public Collection<TenantConfig> all() {
        return tenants.values();
    }
}
