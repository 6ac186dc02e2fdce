package org.carebridge.gateway.outbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A notification receiver's view of what WireMock was sent: requests it accepted (answered 2xx, even if the
 * sender timed out waiting), deduplicated on X-Delivery-Id as a receiver is told to do, in arrival order.
 */
final class Receiver {
    private Receiver() {
    }

    static List<String> acceptedDeliveryIds(WireMockServer wm, String path) {
        List<ServeEvent> events = new ArrayList<>(wm.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (ServeEvent e : events) {
            if (!e.getRequest().getUrl().equals(path)) continue;
            var def = e.getResponseDefinition();
            if (def.getFault() == null && def.getStatus() >= 200 && def.getStatus() < 300) {
                ids.add(e.getRequest().getHeader(OutboxDispatcher.DELIVERY_ID));
            }
        }
        return new ArrayList<>(ids);
    }

    static long requests(WireMockServer wm, String path) {
        return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(path)).count();
    }
}
