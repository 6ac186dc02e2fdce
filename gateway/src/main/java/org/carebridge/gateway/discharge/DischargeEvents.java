package org.carebridge.gateway.discharge;

import org.carebridge.gateway.store.StoreSession;

import java.sql.SQLException;

/**
 * Where outbound discharge notifications go, inside the transaction that caused them (so a rolled-back message
 * notifies no one). The default keeps them in table discharge_event; the outbox delivers from there.
 */
public interface DischargeEvents {
    void emit(StoreSession s, DischargeEvent event) throws SQLException;
}
