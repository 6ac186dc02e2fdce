package org.carebridge.gateway.outbox;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.WriteGuard;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Only Subscriptions the dispatcher can honour safely are stored: rest-hook to an https endpoint (http only when
 * {@code carebridge.outbox.allow-http}, for tests), criteria naming an audience, well-formed headers.
 */
@Singleton
public class SubscriptionGuard implements WriteGuard {
    /** Headers the HTTP client sets itself or that would let a subscriber tamper with the transport. */
    static final Set<String> RESERVED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "content-type", "x-delivery-id", "transfer-encoding");

    private final boolean allowHttp;

    public SubscriptionGuard(@Value("${carebridge.outbox.allow-http:false}") boolean allowHttp) {
        this.allowHttp = allowHttp;
    }

    @Override
    public void beforeWrite(RequestDetails request, String interaction, String resourceType, IdType id, Resource resource) {
        if (!(resource instanceof Subscription s)) return;
        try {
            check(s, allowHttp);
        } catch (IllegalArgumentException e) {
            throw new UnprocessableEntityException(e.getMessage());
        }
    }

    /** Whether the outbox may deliver to this URL (an endpoint a message asked to be answered at). */
    public boolean deliverable(String url) {
        try {
            checkEndpoint(url, allowHttp, "endpoint");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** https with a host (http too when allowed, for tests): the only URLs the outbox POSTs to. */
    static void checkEndpoint(String url, boolean allowHttp, String field) {
        URI endpoint;
        try {
            endpoint = URI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + " is not a URL");
        }
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || (allowHttp && scheme.equals("http"))) || endpoint.getHost() == null) {
            throw new IllegalArgumentException(field + " must be an https URL");
        }
    }

    static void check(Subscription s, boolean allowHttp) {
        SubscriptionCriteria.parse(s.getCriteria());
        Subscription.SubscriptionChannelComponent ch = s.getChannel();
        if (ch.getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
            throw new IllegalArgumentException("Subscription.channel.type must be rest-hook");
        }
        checkEndpoint(ch.getEndpoint(), allowHttp, "Subscription.channel.endpoint");
        String payload = ch.getPayload();
        if (payload != null && !payload.isBlank() && !payload.startsWith("application/fhir+json")) {
            throw new IllegalArgumentException("Subscription.channel.payload must be application/fhir+json or absent");
        }
        for (StringType h : ch.getHeader()) {
            String v = h.getValue() == null ? "" : h.getValue();
            int colon = v.indexOf(':');
            if (colon < 1 || !v.substring(0, colon).matches("[A-Za-z0-9-]+") || v.contains("\r") || v.contains("\n")) {
                throw new IllegalArgumentException("Subscription.channel.header must be 'Name: value'");
            }
            if (RESERVED_HEADERS.contains(v.substring(0, colon).toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Subscription.channel.header may not set " + v.substring(0, colon));
            }
        }
    }
}
