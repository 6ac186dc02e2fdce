package org.carebridge.benchmarks.gen;

import org.carebridge.benchmarks.gen.Model.Discharge;
import org.carebridge.benchmarks.gen.Model.Person;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** HL7 v2.5 ADT messages for a synthetic hospital stay (segments separated by CR, as on the wire). */
public final class Hl7Adt {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private Hl7Adt() {}

    /** @param event A01 (admit) or A03 (discharge); the control id is the referral id plus the event. */
    public static String message(Discharge d, Person p, String event) {
        Instant when = event.equals("A01") ? d.admitted() : d.discharged();
        String control = d.referralId() + "-" + event;
        String pid3 = (p.nhsNumber() == null ? "" : p.nhsNumber() + "^^^NHS^NH~") + p.personId() + "^^^" + d.hospitalOds() + "^MR";
        String[] pv1 = new String[46];
        java.util.Arrays.fill(pv1, "");
        pv1[0] = "PV1";
        pv1[1] = "1";
        pv1[2] = "I";
        pv1[3] = d.ward() + "^^^" + d.hospitalOds();
        pv1[19] = d.referralId();
        if (event.equals("A03")) {
            pv1[36] = "19";  // discharged to usual place of residence (home, with care)
            pv1[45] = TS.format(d.discharged());
        }
        pv1[44] = TS.format(d.admitted());
        return String.join("\r",
                "MSH|^~\\&|PAS|" + d.hospitalOds() + "|CAREBRIDGE|KENT|" + TS.format(when) + "||ADT^" + event + "^ADT_A01|"
                        + control + "|P|2.5",
                "EVN|" + event + "|" + TS.format(when),
                "PID|1||" + pid3 + "||" + p.family() + "^" + p.given() + "^^^" + p.title() + "||"
                        + p.birthDate().toString().replace("-", "") + "|" + (p.gender().equals("female") ? "F" : "M")
                        + "|||" + p.addressLine() + "^^" + p.town() + "^^" + p.postcode(),
                String.join("|", pv1)) + "\r";
    }
}
