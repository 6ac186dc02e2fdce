package org.carebridge.gateway.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.inject.Singleton;
import org.carebridge.gateway.audit.AuditEventProvider;
import org.carebridge.gateway.audit.AuditInterceptor;
import org.carebridge.gateway.audit.AuditLog;
import org.carebridge.gateway.audit.AuditOperations;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.fhir.ServerPlugin;
import org.carebridge.gateway.search.SearchParameterRegistry;

/** Puts the gate, redaction and audit on the FHIR server, and the DPO's AuditEvent and operations beside it. */
@Singleton
public class SecurityPlugin implements ServerPlugin {
    private final TokenVerifier verifier;
    private final Visibility visibility;
    private final RateLimiter rateLimiter;
    private final AuditLog auditLog;
    private final SearchParameterRegistry registry;
    private final ResourceRepository repository;
    private final FhirContext ctx;
    private final SecurityConfig config;

    public SecurityPlugin(TokenVerifier verifier, Visibility visibility, RateLimiter rateLimiter, AuditLog auditLog,
                          SearchParameterRegistry registry, ResourceRepository repository, FhirContext ctx,
                          SecurityConfig config) {
        this.config = config;
        this.verifier = verifier;
        this.visibility = visibility;
        this.rateLimiter = rateLimiter;
        this.auditLog = auditLog;
        this.registry = registry;
        this.repository = repository;
        this.ctx = ctx;
    }

    @Override
    public void register(RestfulServer server) {
        server.registerInterceptor(new SecurityInterceptor(verifier, visibility, new Redactor(ctx), rateLimiter));
        server.registerInterceptor(new AuditInterceptor(auditLog, registry));
        server.registerProvider(new AuditEventProvider(auditLog));
        server.registerProvider(new AuditOperations(auditLog, repository));
        server.registerProvider(new ReportingExtract(repository, ctx, config));
        server.registerProvider(new PatientEverything(repository, visibility));
    }

    @Override
    public int order() {
        return -1000; // before every other plugin: nothing another plugin adds runs ungated
    }
}
