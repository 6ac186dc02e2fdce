package org.carebridge.gateway.discharge;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** HL7 v2 ADT messages as a hospital's PAS sends them (sent with camel-routes' shared {@code MllpClient}). */
final class Adt {
    private Adt() {}

    /** HL7 TS with an explicit UTC offset. */
    static String ts(Instant t) {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").format(t.atOffset(ZoneOffset.UTC));
    }

    /** An ADT message for one person; PV1-44 admitted, PV1-45 discharged (either may be null). */
    static String message(String trigger, String controlId, String nhs, Instant admitted, Instant discharged) {
        String pv1Times = (admitted == null ? "" : ts(admitted)) + (discharged == null ? "" : "|" + ts(discharged));
        return "MSH|^~\\&|PAS|RVV01|CAREBRIDGE|KCC|" + ts(Instant.now()) + "||ADT^" + trigger + "^ADT_A01|" + controlId + "|P|2.5\r"
                + "EVN|" + trigger + "|" + ts(Instant.now()) + "\r"
                + "PID|1||" + nhs + "^^^NHS^NH||Example^Pat||19400101|F\r"
                + "PV1|1|I|WARD7^B2^12^RVV01" + "|".repeat(41) + pv1Times + "\r";
    }

}
