package org.carebridge.gateway.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.carebridge.profiles.conformance.ConformancePackage;
import org.carebridge.profiles.validation.ProfileValidator;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link ProfileValidator} of the gateway, and the served part of the implementation guide.
 * <p>
 * The served part (our profiles, without UK Core; about a second to parse) is loaded on a background thread as
 * soon as this bean exists, so {@code /metadata} and the conformance reads rarely wait for it.
 * <p>
 * The validator (every R4 and UK Core definition: ~185 MB of live heap, and tens of seconds of CPU to load and
 * warm) is built only when something needs it: at start-up when a tenant validates {@code strict} (or
 * {@code carebridge.validation.warm-on-start: true}), otherwise on the first {@code $validate}, strict write or
 * warn-mode write whose client asks for the OperationOutcome; that first caller waits for the build. A gateway
 * whose tenants are all in warn mode and whose clients never ask therefore never holds it.
 */
@Singleton
public class ProfileValidation implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileValidation.class);

    private final FhirContext ctx;
    private final ValidationModes modes;
    private final String warmOnStart;
    private final CompletableFuture<ConformancePackage> conformance = new CompletableFuture<>();
    private final CompletableFuture<ProfileValidator> validator = new CompletableFuture<>();
    private boolean building;

    /**
     * @param warmOnStart {@code auto} (build and warm after start-up when a tenant is strict), {@code true}
     *                    (always), {@code false} (never: built on first use)
     */
    public ProfileValidation(FhirContext ctx, ValidationModes modes,
                             @Value("${carebridge.validation.warm-on-start:auto}") String warmOnStart) {
        this.ctx = ctx;
        this.modes = modes;
        this.warmOnStart = warmOnStart.trim().toLowerCase(Locale.ROOT);
        if (!List.of("auto", "true", "false").contains(this.warmOnStart)) {
            throw new IllegalArgumentException("carebridge.validation.warm-on-start: auto, true or false, not '" + warmOnStart + "'");
        }
        Thread t = new Thread(this::loadServed, "implementation-guide-load");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (warmOnStart.equals("true") || (warmOnStart.equals("auto") && modes.anyStrict())) {
            build(true);
        }
    }

    private void loadServed() {
        try {
            long t0 = System.nanoTime();
            conformance.complete(ConformancePackage.loadServed(ctx));
            LOG.info("implementation guide loaded for serving in {} ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException | Error e) {
            LOG.error("implementation guide could not be loaded", e);
            conformance.completeExceptionally(e);
        }
    }

    /** Starts building the validator on a background thread (once); later calls do nothing. */
    private synchronized void build(boolean atStartUp) {
        if (building) {
            return;
        }
        building = true;
        Thread t = new Thread(() -> buildNow(atStartUp), "profile-validator-build");
        t.setDaemon(true);
        if (atStartUp) {
            // Nobody waits for it yet: it yields to requests.
            t.setPriority(Thread.MIN_PRIORITY);
        }
        t.start();
    }

    private void buildNow(boolean warm) {
        try {
            long t0 = System.nanoTime();
            ConformancePackage pkg = ConformancePackage.load(ctx);
            long t1 = System.nanoTime();
            ProfileValidator v = new ProfileValidator(ctx, pkg);
            long t2 = System.nanoTime();
            if (warm) {
                warm(v, pkg);
            }
            long t3 = System.nanoTime();
            validator.complete(v);
            LOG.info("profile validator ready: packages loaded in {} ms, validator built in {} ms, warmed in {} ms",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        } catch (RuntimeException | Error e) {
            LOG.error("profile validator could not be built", e);
            validator.completeExceptionally(e);
        }
    }

    /** One validation per served type and per project profile: loads and compiles what the hot path needs. */
    private void warm(ProfileValidator v, ConformancePackage pkg) {
        for (Class<? extends Resource> type : SearchParameterRegistry.RESOURCE_TYPES) {
            v.validate(newInstance(type));
        }
        for (StructureDefinition sd : pkg.ofType(StructureDefinition.class)) {
            if (sd.getKind() != StructureDefinition.StructureDefinitionKind.RESOURCE) {
                continue;
            }
            Resource r = (Resource) ctx.getResourceDefinition(sd.getType()).newInstance();
            v.validate(r, List.of(sd.getUrl()));
        }
    }

    private static Resource newInstance(Class<? extends Resource> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the validator has been asked for (it is then built, or being built). */
    public synchronized boolean requested() {
        return building;
    }

    /** The validator, building it if nobody has asked before and waiting at most {@code wait}; empty when not ready in time. */
    public Optional<ProfileValidator> await(Duration wait) {
        build(false);
        return get(validator, wait);
    }

    /** The served conformance package (loads in about a second from start-up; waits up to {@code wait}). */
    public Optional<ConformancePackage> conformance(Duration wait) {
        return get(conformance, wait);
    }

    private static <T> Optional<T> get(CompletableFuture<T> f, Duration wait) {
        try {
            return Optional.of(f.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("profile validator unavailable", e.getCause());
        }
    }

    /** Whether the client asked for the validation outcome as the response ({@code Prefer: return=OperationOutcome}). */
    static boolean wantsOutcome(RequestDetails request) {
        String prefer = request.getHeader("Prefer");
        return prefer != null && prefer.toLowerCase(Locale.ROOT).replace(" ", "").contains("return=operationoutcome");
    }

    /** 503 + Retry-After: what a caller that must wait for the validator gets when it is not ready in time. */
    static ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException starting() {
        var e = new ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException(503,
                "The profile validator is still starting; retry shortly");
        e.addResponseHeader("Retry-After", "5");
        return e;
    }

    /** An OperationOutcome must have an issue: "no issues" is said as an informational one. */
    static org.hl7.fhir.r4.model.OperationOutcome orNoIssues(org.hl7.fhir.r4.model.OperationOutcome oo) {
        if (oo.getIssue().isEmpty()) {
            oo.addIssue().setSeverity(org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(org.hl7.fhir.r4.model.OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics("No issues detected");
        }
        return oo;
    }
}
