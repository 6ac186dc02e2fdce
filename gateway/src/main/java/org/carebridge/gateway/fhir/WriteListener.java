package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.carebridge.gateway.store.StoreSession;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;
import java.util.List;

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
     * Told of several writes of one transaction at once, in write order (a feed applying a group, a transaction
     * Bundle). The same as {@link #afterWrite} for each; a listener may override it to do its work in fewer round
     * trips, and then throws {@link Refused} to say which write it refuses.
     */
    default void afterWrites(StoreSession s, List<Write> writes) throws SQLException {
        for (Write w : writes) afterWrite(s, w.interaction(), w.resourceType(), w.id(), w.resource());
    }

    /**
     * False when this listener does nothing with writes of the type, so a writer that makes many of them (the ECM
     * visit writer) need not build the resource objects only to tell it.
     */
    default boolean takes(String resourceType) {
        return true;
    }

    /**
     * True: inside a transaction Bundle this listener is told of the Bundle's writes once, by {@link #afterWrites},
     * after its last entry is applied, instead of after each entry. Only for a listener whose derived rows no other
     * write of the same transaction reads (its own refusals still roll the whole transaction back).
     */
    default boolean batchesTransactions() {
        return false;
    }

    /** One write, as {@link #afterWrite} is told of it. */
    record Write(String interaction, String resourceType, String id, Resource resource) {
    }

    /** {@link #afterWrites} refusing one of its writes, so a transaction can name the entry that was refused. */
    final class Refused extends RuntimeException {
        private final transient Write write;
        private final BaseServerResponseException reason;

        public Refused(Write write, BaseServerResponseException reason) {
            super(reason.getMessage(), reason, false, false);
            this.write = write;
            this.reason = reason;
        }

        public Write write() {
            return write;
        }

        public BaseServerResponseException reason() {
            return reason;
        }
    }
}
