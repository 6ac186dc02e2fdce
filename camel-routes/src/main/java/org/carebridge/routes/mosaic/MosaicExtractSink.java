package org.carebridge.routes.mosaic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.carebridge.mappings.mosaic.MappedPerson;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.plan.AppliedExtract;
import org.carebridge.mappings.mosaic.plan.EndPlan;
import org.carebridge.mappings.mosaic.plan.ExtractReport;
import org.carebridge.mappings.mosaic.plan.ExtractStoreView;

/**
 * Where applied extracts go: the gateway implements this over its store. Every method runs in its own transaction;
 * the processor calls them one file at a time per tenant.
 */
public interface MosaicExtractSink extends ExtractStoreView {
    /**
     * Applies one person with their plans and orders in one transaction: upserts the resources by id, withdraws
     * person-level resources (Flag, Consent, access arrangement) the store holds for this person but {@code person}
     * no longer carries, and emits one change event per changed order for the outbound notifications. Throws to
     * reject the person (the transaction rolls back; the file goes on).
     */
    void applyPerson(ExtractHeader header, MappedPerson person);

    /**
     * Work on a group that needs no store (e.g. encoding), done by the reading thread before the group is handed to
     * {@link #applyPersons} on the writer's, so that it overlaps the store's work on the group before. Optional: a
     * sink must apply people correctly without it. Default: nothing.
     */
    default void prepare(List<MappedPerson> persons) {
    }

    /**
     * Applies several people; each person's changes are all-or-nothing. Returns, per person in order, null when
     * applied or the failure that rejected that person. A sink may group them in fewer transactions, as long as one
     * person's failure never takes another person's changes with it.
     */
    default List<RuntimeException> applyPersons(ExtractHeader header, List<MappedPerson> persons) {
        List<RuntimeException> out = new ArrayList<>(persons.size());
        for (MappedPerson p : persons) {
            try {
                applyPerson(header, p);
                out.add(null);
            } catch (RuntimeException e) {
                out.add(e);
            }
        }
        return out;
    }

    /** Ends these open orders of the tenant (status ended, end date the extract's date), in one transaction. */
    void endOrders(ExtractHeader header, Set<String> orderNumbers);

    /** The extract was read to its end and applied: later extracts are ordered against it. */
    void recordApplied(String tenant, AppliedExtract extract);

    /**
     * A full extract was held for confirmation: keep the file (read it from {@code file}) until integration staff
     * confirm or discard it. Returns the held extract's id, by which they do.
     */
    String extractHeld(String tenant, String fileName, ExtractHeader header, EndPlan plan,
                       MosaicExtractProcessor.Source file);

    /** Every file's report, for the API. */
    void reportWritten(String tenant, ExtractReport report);
}
