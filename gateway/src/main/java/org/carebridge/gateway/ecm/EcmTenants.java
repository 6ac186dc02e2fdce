package org.carebridge.gateway.ecm;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.carebridge.mappings.ecm.Pseudonymiser;
import org.carebridge.profiles.rulepacks.RulePack;
import org.carebridge.profiles.rulepacks.RulePacks;
import org.carebridge.gateway.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per council: its contract rule pack (bundled, or from {@code carebridge.ecm.rulepack-dir}, which wins) and its
 * worker pseudonymiser. The per-council key is HMAC(master key, tenant), so one secret
 * ({@code carebridge.ecm.pseudonym-key}, at least 32 bytes) serves every council and councils cannot link workers.
 */
@Singleton
public class EcmTenants {
    private static final Logger LOG = LoggerFactory.getLogger(EcmTenants.class);

    private final TenantRegistry tenants;
    private final byte[] masterKey;
    private final Map<String, RulePack> packs = new ConcurrentHashMap<>();
    private final Map<String, Pseudonymiser> pseudonymisers = new ConcurrentHashMap<>();
    private final Map<String, RulePack> fromDirectory;

    public EcmTenants(TenantRegistry tenants,
                      @Value("${carebridge.ecm.pseudonym-key:}") String key,
                      @Value("${carebridge.ecm.rulepack-dir:}") String rulepackDir) {
        this.tenants = tenants;
        if (key == null || key.isBlank()) {
            LOG.warn("carebridge.ecm.pseudonym-key is not set: care worker pseudonyms change at every start");
            masterKey = new byte[32];
            new SecureRandom().nextBytes(masterKey);
        } else {
            masterKey = key.getBytes(StandardCharsets.UTF_8);
            if (masterKey.length < 32) throw new IllegalStateException("carebridge.ecm.pseudonym-key must be at least 32 bytes");
        }
        fromDirectory = rulepackDir == null || rulepackDir.isBlank() || !Files.isDirectory(Path.of(rulepackDir))
                ? Map.of() : RulePacks.loadDirectory(Path.of(rulepackDir));
    }

    public boolean known(String tenant) {
        return tenants.find(tenant).isPresent();
    }

    /** The council's rule pack; an ECM feed for a council without one is a configuration error. */
    public RulePack pack(String tenant) {
        return packs.computeIfAbsent(tenant, t -> Optional.ofNullable(fromDirectory.get(t))
                .orElseGet(() -> RulePacks.bundled(t)));
    }

    public Pseudonymiser pseudonymiser(String tenant) {
        return pseudonymisers.computeIfAbsent(tenant, t -> new Pseudonymiser(t, derive(t)));
    }

    private byte[] derive(String tenant) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
            return mac.doFinal(("ecm-worker\u0000" + tenant).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
