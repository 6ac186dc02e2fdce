package org.carebridge.gateway.fhir;

import org.carebridge.gateway.store.StoreSession;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;

/**
 * Told of every stored write inside the same database transaction, so tables derived from resources (who may
 * see whom, objections) can never disagree with them. Cannot refuse: that is {@link WriteGuard}'s job.
 *
 * @param resource the new content, or null for a delete
 */
public interface WriteListener {
    void afterWrite(StoreSession session, String resourceType, String id, Resource resource) throws SQLException;
}
