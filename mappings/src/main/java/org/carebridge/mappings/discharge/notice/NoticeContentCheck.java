package org.carebridge.mappings.discharge.notice;

import java.util.ArrayList;
import java.util.List;

/**
 * The minimum content of a notice (Care Act 2014 Sch. 3; Care and Support (Discharge of Hospital Patients)
 * Regulations 2014, SI 2014/2823 reg. 3): name, NHS number, hospital, likely discharge date, whether the patient
 * was consulted, whether NHS Continuing Healthcare was considered, a named hospital contact. A discharge notice
 * needs the patient, hospital, date and contact; a withdrawal needs only the patient and hospital.
 */
public final class NoticeContentCheck {
    private NoticeContentCheck() {}

    /** The missing fields, named as in the regulation; empty when the notice is complete. */
    public static List<String> missing(CareActNotice n) {
        List<String> missing = new ArrayList<>();
        if (!n.patientNamed()) {
            missing.add("patient name");
        }
        if (n.nhsNumber() == null) {
            missing.add("NHS number");
        }
        if (n.hospitalOds() == null) {
            missing.add("hospital");
        }
        if (n.type().isWithdrawal()) {
            return missing;
        }
        if (n.dischargeDate() == null) {
            missing.add(n.type() == NoticeType.ASSESSMENT ? "likely discharge date" : "discharge date");
        }
        if (n.type() == NoticeType.ASSESSMENT) {
            if (n.patientConsulted() == null) {
                missing.add("whether the patient has been consulted");
            }
            if (n.chcConsidered() == null) {
                missing.add("whether NHS Continuing Healthcare was considered");
            }
        }
        if (n.contactName() == null || n.contactTelecom() == null) {
            missing.add("named contact at the hospital");
        }
        return missing;
    }
}
