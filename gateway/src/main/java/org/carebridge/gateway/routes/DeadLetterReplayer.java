package org.carebridge.gateway.routes;

import org.carebridge.routes.core.ChannelKind;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Replays dead letters of channels that are not re-run through Camel (outbound deliveries are re-queued in the
 * outbox instead). Runs in the transaction that closes the dead letter.
 */
public interface DeadLetterReplayer {
    boolean handles(ChannelKind kind);

    void replay(Connection c, DeadLetterRepository.Row letter) throws SQLException;
}
