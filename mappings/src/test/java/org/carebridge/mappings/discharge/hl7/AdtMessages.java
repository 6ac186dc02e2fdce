package org.carebridge.mappings.discharge.hl7;

/** Sample ADT messages as a hospital PAS sends them (fictitious patient; valid NHS number 9434765919). */
public final class AdtMessages {
    private AdtMessages() {}

    public static final String NHS = "9434765919";

    public static String adt(String trigger, String controlId, String pid3, String pv1Tail) {
        return "MSH|^~\\&|PAS|RVV01|CAREBRIDGE|KCC|20260105093000||ADT^" + trigger + "^ADT_A01|" + controlId + "|P|2.5\r"
                + "EVN|" + trigger + "|20260105093000|||||RVV01\r"
                + "PID|1||" + pid3 + "||Example^Pat||19400101|F\r"
                + "PV1|1|I|WARD7^B2^12^RVV01" + pv1Tail + "\r";
    }

    public static String admit(String controlId, String admitTs) {
        return adt("A01", controlId, NHS + "^^^NHS^NH~H123456^^^RVV^MR", "|||||||||||||||||||||||||||||||||||||||||" + admitTs);
    }

    public static String discharge(String controlId, String admitTs, String dischargeTs) {
        return adt("A03", controlId, NHS + "^^^NHS^NH~H123456^^^RVV^MR",
                "|||||||||||||||||||||||||||||||||01||||||||" + admitTs + "|" + dischargeTs);
    }
}
