package org.carebridge.rules.visits;

/**
 * How far the visit's record can be trusted.
 *
 * @param electronic            every check-in/out was logged by app or telephony, none typed in (H:3248)
 * @param locationVerified      every check-in/out was location-verified
 * @param checkInMissing        some worker checked out without a check-in
 * @param checkOutMissing       some worker checked in without a check-out
 * @param checkOutBeforeCheckIn some worker's check-out is earlier than their check-in
 * @param manualReasons         exception codes of the manual entries, for audit (H:3264-3266)
 */
public record Verification(boolean electronic, boolean locationVerified, boolean checkInMissing,
                           boolean checkOutMissing, boolean checkOutBeforeCheckIn, java.util.List<String> manualReasons) {
    public Verification {
        manualReasons = java.util.List.copyOf(manualReasons);
    }
}
