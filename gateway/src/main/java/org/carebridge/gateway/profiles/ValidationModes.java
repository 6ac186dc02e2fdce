package org.carebridge.gateway.profiles;

import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.carebridge.gateway.tenant.TenantConfig;

/**
 * The validation mode of each tenant: {@code carebridge.tenants.<id>.validation: strict|warn|off}, default
 * {@code carebridge.validation.default-mode} (warn: a write is never refused for conformance unless the council
 * chose strict, so existing clients keep working while the OperationOutcome already tells them what is wrong).
 */
@Singleton
public class ValidationModes {
    private final ValidationMode defaultMode;
    private final Map<String, ValidationMode> byTenant = new ConcurrentHashMap<>();

    public ValidationModes(Environment env, java.util.List<TenantConfig> tenants) {
        this.defaultMode = ValidationMode.parse(env.getProperty("carebridge.validation.default-mode", String.class)
                .orElse("warn"));
        for (TenantConfig t : tenants) {
            env.getProperty("carebridge.tenants." + t.id() + ".validation", String.class)
                    .ifPresent(v -> byTenant.put(t.id(), ValidationMode.parse(v)));
        }
    }

    public ValidationMode of(String tenant) {
        return tenant == null ? defaultMode : byTenant.getOrDefault(tenant, defaultMode);
    }

    /** Whether any tenant (or the default) is strict: then the validator is built at start-up, not on first use. */
    public boolean anyStrict() {
        return defaultMode == ValidationMode.STRICT || byTenant.containsValue(ValidationMode.STRICT);
    }

    /** Changes a tenant's mode at run time (tests; an operator's switch would go through the admin API). */
    public void set(String tenant, ValidationMode mode) {
        byTenant.put(tenant, mode);
    }
}
