package org.carebridge.gateway.security;

/** Tokens for the roles of the matrix, all for tenant kent. */
public enum Roles {
    COUNCIL(TestIssuer.token().org("886").orgType("council").roles("council-staff").scope("system/*.cruds")),
    DPO(TestIssuer.token().sub("dpo-1").org("886").orgType("council").roles("dpo").scope("system/*.rs")),
    PROVIDER(TestIssuer.token().sub("office-a").org("PA1").orgType("provider").roles("provider-office")
            .scope("system/*.rs system/Appointment.cu system/Encounter.cu system/Task.cu system/Communication.c system/Flag.c")),
    CARE_WORKER(TestIssuer.token().sub("worker-a1").org("PA1").orgType("provider").roles("care-worker").scope("system/*.rs")),
    HOSPITAL(TestIssuer.token().sub("ward-1").org("RH1").orgType("hospital").roles("discharge-team")
            .scope("system/*.rs system/ServiceRequest.cu system/Task.cu"));

    private final String token;

    Roles(TestIssuer.Token t) {
        this.token = t.sign();
    }

    public String token() {
        return token;
    }
}
