package org.carebridge.gateway.profiles;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
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
 * The one {@link ProfileValidator} of the gateway, built and warmed on a background thread once the server is up,
 * so start-up (and {@code /metadata}) does not wait for it: building loads every R4 and UK Core definition, and the
 * first validation of each profile compiles its FHIRPath invariants. The served part of the package (ours, without
 * UK Core) is loaded first and is ready within a second or two.
 */
@Singleton
public class ProfileValidation implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileValidation.class);

    private final FhirContext ctx;
    private final boolean warmOnStart;
    private final CompletableFuture<ConformancePackage> conformance = new CompletableFuture<>();
    private final CompletableFuture<ProfileValidator> validator = new CompletableFuture<>();
    private volatile boolean started;

    public ProfileValidation(FhirContext ctx, @Value("${carebridge.validation.warm-on-start:true}") boolean warmOnStart) {
        this.ctx = ctx;
        this.warmOnStart = warmOnStart;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (warmOnStart) {
            start();
        }
    }

    /** Starts loading and warming (once); later calls do nothing. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread t = new Thread(this::build, "profile-validator-warmup");
        t.setDaemon(true);
        t.start();
    }

    private void build() {
        try {
            long t0 = System.nanoTime();
            conformance.complete(ConformancePackage.loadServed(ctx));
            LOG.info("implementation guide loaded for serving in {} ms", (System.nanoTime() - t0) / 1_000_000);
            // The rest (UK Core definitions, building, warming) may take its time: it yields to requests.
            Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
            ConformancePackage pkg = ConformancePackage.load(ctx);
            long t1 = System.nanoTime();
            ProfileValidator v = new ProfileValidator(ctx, pkg);
            long t2 = System.nanoTime();
            warm(v, pkg);
            long t3 = System.nanoTime();
            validator.complete(v);
            LOG.info("profile validator ready: packages loaded in {} ms, validator built in {} ms, warmed in {} ms",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        } catch (RuntimeException | Error e) {
            LOG.error("profile validator could not be built", e);
            conformance.completeExceptionally(e);
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

    /** The validator if it is ready now. */
    public Optional<ProfileValidator> ifReady() {
        start();
        return validator.isDone() && !validator.isCompletedExceptionally() ? Optional.of(validator.join()) : Optional.empty();
    }

    /** The validator, waiting at most {@code wait} for it; empty when it is still warming. */
    public Optional<ProfileValidator> await(Duration wait) {
        start();
        return get(validator, wait);
    }

    /** The served conformance package (loads in about a second; waits up to {@code wait}). */
    public Optional<ConformancePackage> conformance(Duration wait) {
        start();
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
