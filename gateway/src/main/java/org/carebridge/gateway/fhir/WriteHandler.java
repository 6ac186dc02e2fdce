package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.api.MethodOutcome;
import org.carebridge.gateway.store.StoreSession;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;

/**
 * Takes over a create or update whose resource is not to be stored as sent but turned into something else in the
 * same transaction (ECM: an actual visit posted as an Encounter becomes call-monitoring events, and the gateway's
 * judged visit resources are the record). Asked by {@link ResourceRepository} before it stores a write, single or
 * inside a Bundle, after the {@link WriteGuard}s. Throw to refuse.
 */
public interface WriteHandler {
    /**
     * @param interaction "create" or "update"
     * @param target      the resolved target of an update (version part: the If-Match version), null for a create
     * @return the outcome to answer with, or null to store the write as usual
     */
    MethodOutcome handle(StoreSession s, String interaction, IdType target, Resource resource) throws SQLException;

    /**
     * A transaction Bundle's updates at plain ids of one type, told before any of its entries is handled, so a
     * handler can look them all up in one statement instead of one per entry (it may keep what it found with
     * {@link StoreSession#note}).
     */
    default void beforeUpdates(StoreSession s, String type, java.util.Collection<String> ids) throws SQLException {}
}
