package org.carebridge.mappings.mosaic.plan;

/**
 * How far a full extract may go in ending orders on its own. A full extract that would end more than
 * {@code maxEndShare} of the tenant's open orders is held for a person to confirm: a truncated or wrong report
 * must not end half a council's care.
 */
public record EndPolicy(double maxEndShare) {
    public static final EndPolicy DEFAULT = new EndPolicy(0.10);

    public EndPolicy {
        if (!(maxEndShare >= 0 && maxEndShare <= 1)) {
            throw new IllegalArgumentException("maxEndShare must be within 0..1");
        }
    }
}
