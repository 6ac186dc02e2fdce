package org.carebridge.benchmarks.gen;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** The synthetic world's records: invented people, providers, orders, visits, ECM events and discharges. */
public final class Model {
    private Model() {}

    /** @param nhsNumber null when the person has none on record (realistic, and needed beyond the test range) */
    public record Person(int index, String personId, String nhsNumber, String title, String given, String family,
                         LocalDate birthDate, String gender, String addressLine, String town, String postcode,
                         String rurality, String clientGroup, int providerIndex) {}

    public record Provider(int index, String providerId, String odsCode, String cqcLocationId, String name) {
        /** How the gateway names the provider on its ECM channels and rota: the ODS code in lower case. */
        public String feedId() {
            return odsCode.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One planned call of an order, repeated every day of the week. */
    public record Call(int slot, int hour, int minute, int minutes, int workers, boolean timeCritical) {}

    /** The order for care (SDO) of one person, with its calls. */
    public record Order(String orderNumber, String planId, int personIndex, int providerIndex, LocalDate start,
                        List<Call> calls) {
        public double weeklyHours() {
            return calls.stream().mapToInt(Call::minutes).sum() * 7 / 60.0;
        }
    }

    /** A planned visit on the weekly rota. */
    public record Visit(String visitId, int personIndex, int providerIndex, int day, int slot, LocalDateTime plannedStart,
                        int minutes, int workers, boolean timeCritical) {}

    public enum Kind {
        CHECK_IN("check-in"), CHECK_OUT("check-out"), NO_REPLY("no-reply"), REFUSAL("refusal");
        public final String code;

        Kind(String code) {
            this.code = code;
        }
    }

    /**
     * One ECM event as a provider's system sends it.
     *
     * @param enteredAt for manual entries: when the office keyed it (sometimes more than 24 h later)
     */
    public record EcmEvent(String eventId, String providerId, String clientId, String orderId, String visitId,
                           String workerId, Kind kind, Instant time, String method, boolean locationVerified,
                           String exceptionCode, String reason, String enteredBy, Instant enteredAt) {}

    /** A hospital stay that ends in a discharge referral to social care. */
    public record Discharge(String referralId, int personIndex, String hospitalOds, String ward, Instant admitted,
                            Instant discharged, boolean retransmitted) {}
}
