package org.carebridge.gateway.outbox;

import org.hl7.fhir.r4.model.Subscription;

import java.util.List;

final class OutboxFixtures {
    private OutboxFixtures() {
    }

    static Subscription subscription(String organization, String endpoint) {
        Subscription s = new Subscription();
        s.setStatus(Subscription.SubscriptionStatus.ACTIVE);
        s.setReason("Care offers and order changes for " + organization);
        s.setCriteria("ServiceRequest?performer=Organization/" + organization);
        s.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint)
                .setPayload("application/fhir+json").addHeader("Authorization: Bearer receiver-token");
        return s;
    }

    static OutboxEvent event(String person, String organization, String order) {
        String payload = "{\"resourceType\":\"ServiceRequest\",\"id\":\"" + order + "\",\"status\":\"active\","
                + "\"intent\":\"order\",\"subject\":{\"reference\":\"Patient/" + person + "\"}}";
        return new OutboxEvent(person, OutboxEvent.ORDER_CHANGED, "ServiceRequest", order,
                List.of("Organization/" + organization), payload);
    }
}
