package org.carebridge.gateway.discharge;

import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import org.carebridge.gateway.tenant.TenantConfig;
import org.carebridge.gateway.tenant.TenantRegistry;
import org.carebridge.mappings.discharge.bars.BarsReceiver;
import org.carebridge.profiles.Canonical;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Per-tenant settings of the discharge channels, beside the tenant's own ({@code carebridge.tenants.<t>.*}):
 * <ul>
 *   <li>{@code bars.endpoints}: the endpoints hospitals address the council by (MessageHeader.destination.endpoint);
 *   default {@code <base>/Id/carebridge-tenant|<t>}</li>
 *   <li>{@code bars.ods-code}: the council's ODS code, checked against the receiver Organization when it has one</li>
 *   <li>{@code brokerage}: reference to the brokerage team that owns alert Tasks (default Organization/brokerage-&lt;t&gt;)</li>
 * </ul>
 */
@Singleton
public class DischargeConfig {
    private final Environment env;
    private final TenantRegistry tenants;

    public DischargeConfig(Environment env, TenantRegistry tenants) {
        this.env = env;
        this.tenants = tenants;
    }

    public Collection<String> tenants() {
        return tenants.all().stream().map(TenantConfig::id).sorted().toList();
    }

    public BarsReceiver receiver(String tenant) {
        List<String> endpoints = env.getProperty(key(tenant, "bars.endpoints"), Argument.listOf(String.class))
                .filter(l -> !l.isEmpty())
                .orElse(List.of(Canonical.BASE + "/Id/carebridge-tenant|" + tenant));
        return new BarsReceiver(tenant, Set.copyOf(endpoints), odsCode(tenant));
    }

    public String odsCode(String tenant) {
        return env.getProperty(key(tenant, "bars.ods-code"), String.class).filter(s -> !s.isBlank()).orElse(null);
    }

    public String brokerageRef(String tenant) {
        return env.getProperty(key(tenant, "brokerage"), String.class).orElse("Organization/brokerage-" + tenant);
    }

    private static String key(String tenant, String rest) {
        return "carebridge.tenants." + tenant + "." + rest;
    }
}
