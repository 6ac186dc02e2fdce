package org.carebridge.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.servlet.api.annotation.ServletBean;
import jakarta.inject.Singleton;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.carebridge.gateway.tenant.TenantRegistry;
import org.carebridge.gateway.tenant.TenantUrlStrategy;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds the HAPI FHIR server and mounts it at {@code /fhir/*} inside Micronaut's Jetty. */
@Factory
public class FhirServerFactory {

    @Singleton
    FhirContext fhirContext() {
        FhirContext ctx = FhirContext.forR4Cached();
        // Parsing errors must be errors (400), not silently logged.
        ctx.setParserErrorHandler(new ca.uhn.fhir.parser.StrictErrorHandler());
        // No automatic containing of referenced objects without ids: nothing here builds such references, and the
        // scan behind it (FhirTerser over every element) was 11 % of a search's CPU.
        ctx.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return ctx;
    }

    @Singleton
    SearchParameterRegistry searchParameterRegistry() {
        return new SearchParameterRegistry();
    }

    @Singleton
    SearchRequestParser searchRequestParser(SearchParameterRegistry registry, LimitsConfig limits) {
        return new SearchRequestParser(registry, limits.defaultPageSize(), limits.maxPageSize());
    }

    @ServletBean(name = "fhir", value = "/fhir/*", loadOnStartup = 1)
    RestfulServer fhirServer(FhirContext ctx, TenantRegistry tenants, ResourceRepository repository,
                             SearchRequestParser parser, SearchParameterRegistry registry,
                             List<SearchSpecFilter> filters, List<WriteGuard> guards,
                             List<HistoryFilter> historyFilters, List<ServerPlugin> plugins,
                             List<ResponseContentReader> contentReaders,
                             @Value("${carebridge.public-base-url:}") String publicBaseUrl) {
        RestfulServer server = new RestfulServer(ctx) {
            /**
             * The X-Request-ID of a request that brings none: 16 letters and digits as HAPI makes them, but from a
             * per-thread generator. HAPI's (commons-lang3 RandomStringUtils) draws on the shared SecureRandom, a lock
             * every request queued on (3 % of a search's CPU); a correlation id needs to be distinct, not secret.
             */
            @Override
            protected String newRequestId(int length) {
                return org.carebridge.gateway.observability.RequestIds.alphanumeric(length);
            }
        };
        server.setServerName("CareBridge gateway");
        server.setImplementationDescription("Interoperability gateway for adult social care");
        server.setTenantIdentificationStrategy(new TenantUrlStrategy(tenants));
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPrettyPrint(false);
        if (publicBaseUrl != null && !publicBaseUrl.isBlank()) {
            server.setServerAddressStrategy(new HardcodedServerAddressStrategy(publicBaseUrl.replaceAll("/$", "") + "/fhir"));
        }
        List<IResourceProvider> providers = new ArrayList<>();
        for (Class<? extends Resource> type : SearchParameterRegistry.RESOURCE_TYPES) {
            providers.add(provider(type, repository, parser, filters, guards, historyFilters, contentReaders));
        }
        server.setResourceProviders(providers);
        server.registerProvider(new TransactionProvider(repository, ctx, guards));
        server.registerInterceptor(new ErrorInterceptor());
        server.registerInterceptor(new CapabilityStatementCustomizer(registry));
        server.registerInterceptor(new StoredJsonResponder(ctx));
        plugins.stream().sorted(Comparator.comparingInt(ServerPlugin::order)).forEach(p -> p.register(server));
        return server;
    }

    private static <T extends Resource> StoredResourceProvider<T> provider(Class<T> type, ResourceRepository repository,
                                                                          SearchRequestParser parser,
                                                                          List<SearchSpecFilter> filters,
                                                                          List<WriteGuard> guards,
                                                                          List<HistoryFilter> historyFilters,
                                                                          List<ResponseContentReader> contentReaders) {
        return new StoredResourceProvider<>(type, repository, parser, filters, guards, historyFilters, contentReaders);
    }
}
