package org.carebridge.gateway.fhir;

import org.carebridge.gateway.store.StoreSession;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;

/**
 * Called after every create or update inside the writing transaction (also for transaction/batch entries and
 * for writes made by other modules through {@link ResourceRepository}), so that consequences of a write commit
 * or roll back with it. Throw to refuse the write after all (the whole transaction rolls back).
 *
 * @param interaction "create" or "update"
 * @param resource    the resource as stored (id and version set)
 */
public interface WriteListener {
    void afterWrite(StoreSession s, String interaction, Resource resource) throws SQLException;
}
