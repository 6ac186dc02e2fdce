package org.carebridge.routes.hl7;

import java.util.Optional;

/**
 * The first ACK given to each message, by sender and control id: a retransmission (same MSH-10 from the same
 * sender) gets the same ACK and is not applied again. The gateway supplies a PostgreSQL implementation
 * (insert ... on conflict do nothing, then read back) so this holds across restarts and nodes.
 */
public interface AckRepository {
    Optional<String> find(String key);

    /** Stores the ACK unless one is there already; returns the ACK that is stored (the first one wins). */
    String saveIfAbsent(String key, String ack);

    static String key(String tenant, String sendingApplication, String sendingFacility, String controlId) {
        return tenant + "|" + sendingApplication + "|" + sendingFacility + "|" + controlId;
    }
}
