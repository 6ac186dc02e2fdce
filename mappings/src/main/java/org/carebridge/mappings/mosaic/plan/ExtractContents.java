package org.carebridge.mappings.mosaic.plan;

import java.util.HashSet;
import java.util.Set;
import org.carebridge.mappings.mosaic.MosaicValues;
import org.carebridge.mappings.mosaic.model.OrderRecord;
import org.carebridge.mappings.mosaic.read.ExtractRecord;

/**
 * What a full extract contains, collected in a first pass over the file: the people and order numbers it names
 * (valid or not), the people whose record was rejected, and whether the file was read to its end. Ids only, so a
 * 100,000-person extract costs a few MB.
 */
public final class ExtractContents {
    private final Set<String> personIds = new HashSet<>();
    private final Set<String> orderNumbers = new HashSet<>();
    private final Set<String> rejectedPersonIds = new HashSet<>();
    private int rejectedWithoutId;
    private String incompleteReason;

    public ExtractContents add(ExtractRecord r) {
        if (r.personId() != null) {
            personIds.add(r.personId());
            if (!r.isValid()) {
                rejectedPersonIds.add(r.personId());
            }
        } else if (!r.isValid()) {
            rejectedWithoutId++;
        }
        if (r.person() != null) {
            for (OrderRecord o : r.person().orders) {
                String n = MosaicValues.trim(o.orderNumber);
                if (n != null) {
                    orderNumbers.add(n);
                }
            }
        }
        return this;
    }

    /** The file could not be read to its end (fatal error): it is not the whole picture. */
    public ExtractContents incomplete(String reason) {
        this.incompleteReason = reason;
        return this;
    }

    public Set<String> personIds() {
        return Set.copyOf(personIds);
    }

    public boolean namesPerson(String personId) {
        return personIds.contains(personId);
    }

    public boolean namesOrder(String orderNumber) {
        return orderNumbers.contains(orderNumber);
    }

    public boolean rejected(String personId) {
        return rejectedPersonIds.contains(personId);
    }

    public int rejectedWithoutId() {
        return rejectedWithoutId;
    }

    public String incompleteReason() {
        return incompleteReason;
    }

    public int orderCount() {
        return orderNumbers.size();
    }
}
