package org.carebridge.mappings.ecm;

/**
 * The fields of an ECM event, by their logical name. A provider's feed names them as it likes; its
 * {@link EcmFeedConfig} maps each to a CSV column header or JSON property (dotted for nested JSON).
 */
public enum EcmField {
    EVENT_ID("eventId", true),
    PROVIDER("providerId", false),
    CLIENT("clientId", true),
    ORDER("orderId", false),
    VISIT("visitId", false),
    WORKER("workerId", false),
    WORKER_NINO("workerNiNumber", false),
    KIND("type", true),
    TIME("time", true),
    METHOD("method", false),
    LOCATION_VERIFIED("locationVerified", false),
    EXCEPTION_CODE("exceptionCode", false),
    REASON("reason", false),
    ENTERED_BY("enteredBy", false),
    ENTERED_AT("enteredAt", false),
    SUPERSEDES("supersedes", false);

    private final String defaultName;
    private final boolean required;

    EcmField(String defaultName, boolean required) {
        this.defaultName = defaultName;
        this.required = required;
    }

    /** The name used when a provider's config does not rename it; also the key in feed config files. */
    public String defaultName() {
        return defaultName;
    }

    /** Needed in every record; the rest are needed only for some kinds or methods. */
    public boolean required() {
        return required;
    }
}
