package org.carebridge.gateway.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.carebridge.gateway.search.SearchParamDef;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.Enumerations;

/**
 * The search parameters are generic in the provider, so HAPI cannot see them: this publishes exactly those of
 * the registry, with the allowed _include values and conditional-operation support.
 */
@Interceptor
public class CapabilityStatementCustomizer {
    private final SearchParameterRegistry registry;

    public CapabilityStatementCustomizer(SearchParameterRegistry registry) {
        this.registry = registry;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void customize(IBaseConformance conformance) {
        CapabilityStatement cs = (CapabilityStatement) conformance;
        cs.setPublisher("CareBridge");
        cs.getSoftware().setName("CareBridge gateway");
        cs.getImplementation().setDescription("CareBridge: interoperability gateway for adult social care");
        for (var rest : cs.getRest()) {
            for (CapabilityStatementRestResourceComponent res : rest.getResource()) {
                String type = res.getType();
                if (!registry.supportsType(type)) continue;
                res.getSearchParam().clear();
                res.addSearchParam(param("_id", Enumerations.SearchParamType.TOKEN, "Logical id"));
                res.addSearchParam(param("_lastUpdated", Enumerations.SearchParamType.DATE, "When last changed"));
                for (SearchParamDef d : registry.forType(type)) {
                    Enumerations.SearchParamType t = switch (d.type()) {
                        case TOKEN -> Enumerations.SearchParamType.TOKEN;
                        case REFERENCE -> Enumerations.SearchParamType.REFERENCE;
                        case DATE -> Enumerations.SearchParamType.DATE;
                    };
                    res.addSearchParam(param(d.name(), t, d.description()));
                }
                res.getSearchInclude().clear();
                registry.includes(type).forEach(res::addSearchInclude);
                res.setConditionalCreate(true);
                res.setConditionalUpdate(true);
                res.setConditionalDelete(CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED);
                res.setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONEDUPDATE);
                res.setReadHistory(true);
                res.setUpdateCreate(true);
            }
        }
    }

    private static CapabilityStatementRestResourceSearchParamComponent param(String name, Enumerations.SearchParamType t,
                                                                              String doc) {
        return new CapabilityStatementRestResourceSearchParamComponent().setName(name).setType(t).setDocumentation(doc);
    }
}
