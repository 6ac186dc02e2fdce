package org.carebridge.gateway.discharge;

import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.ServerPlugin;
import org.carebridge.gateway.store.ResourceStore;

/** Registers the discharge operations ($process-message, ServiceRequest/$offer) with the FHIR server. */
@Singleton
public class DischargePlugin implements ServerPlugin {
    private final ReferralIntake intake;
    private final BrokerageService brokerage;
    private final ResourceStore store;

    public DischargePlugin(ReferralIntake intake, BrokerageService brokerage, ResourceStore store) {
        this.intake = intake;
        this.brokerage = brokerage;
        this.store = store;
    }

    @Override
    public void register(RestfulServer server) {
        server.registerProvider(new DischargeOperations(intake, brokerage, store));
    }
}
