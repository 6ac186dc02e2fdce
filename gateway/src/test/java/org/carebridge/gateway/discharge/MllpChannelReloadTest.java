package org.carebridge.gateway.discharge;

import org.carebridge.routes.hl7.MllpClient;

import static org.carebridge.gateway.discharge.DischargeTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import org.carebridge.gateway.GatewayServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.UUID;

/**
 * The HL7 v2 listener is a channel of the tenant's routes file: configured, moved to another port and removed by
 * editing config/routes/kent.yaml and reloading, with no restart; a retransmission on the new port still gets the
 * first ACK byte for byte (the ACK store is PostgreSQL, not the route).
 */
class MllpChannelReloadTest {

    @Test
    void theListenerFollowsTheRoutesFile() throws Exception {
        GatewayServer.start();
        int first = Notifications.freePort();
        Notifications.kentRoutes(first);
        String message = Adt.message("A08", "UPD-" + UUID.randomUUID(), newNhsNumber(), clock().now(), null);
        String ack;
        try (MllpClient hospital = new MllpClient(first)) {
            ack = hospital.send(message);
            assertEquals("AA", MllpClient.ackCode(ack), ack);
        }

        int second = Notifications.freePort();
        Notifications.kentRoutes(second);
        try (MllpClient hospital = new MllpClient(second)) {
            assertEquals(ack, hospital.send(message), "a retransmission on the new port gets the first ACK");
        }
        assertThrows(IOException.class, () -> new MllpClient(first).close(), "the old port is closed");

        Notifications.kentRoutes(0);
        assertThrows(IOException.class, () -> new MllpClient(second).close(), "no listener once the channel is removed");
    }
}
