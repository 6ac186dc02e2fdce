package org.carebridge.gateway.fhir;

import org.carebridge.gateway.store.StoreSession;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;
import java.util.List;

/**
/**
 * Told of every stored write inside the same database transaction (also for transaction/batch entries and for
 * writes other modules make through {@link ResourceRepository}), so derived tables (who may see whom, brokerage
 * state) commit or roll back with the write. Throwing refuses the write after all: the transaction rolls back.
 *
 * @param interaction "create", "update" or "delete"
 * @param resource    the resource as stored (id and version set), or null for a delete
 */
public interface WriteListener {
    void afterWrite(StoreSession s, String interaction, String resourceType, String id, Resource resource)
            throws SQLException;

    /**
     * Told of several writes of one transaction at once, in write order (a feed applying a group). The same as
     * {@link #afterWrite} for each; a listener may override it to do its work in fewer round trips.
     */
    default void afterWrites(StoreSession s, List<Write> writes) throws SQLException {
        for (Write w : writes) afterWrite(s, w.interaction(), w.resourceType(), w.id(), w.resource());
    }

    /** One write, as {@link #afterWrite} is told of it. */
    record Write(String interaction, String resourceType, String id, Resource resource) {
    }
}
