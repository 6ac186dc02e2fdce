package org.carebridge.mappings.discharge.notice;

import java.time.LocalDate;

/**
 * A hospital's notice to a council, as read from a message Bundle. Fields may be null: {@link NoticeContentCheck}
 * says which missing ones make the notice invalid.
 *
 * @param noticeId         Bundle.id, which the council's answer refers to
 * @param type             assessment, discharge or withdrawal
 * @param patientNamed     whether the patient's name is given (the name itself is not needed past the check)
 * @param nhsNumber        valid NHS number, or null when missing/invalid
 * @param hospitalOds      ODS code of the sending hospital
 * @param dischargeDate    likely discharge date (assessment notice) or the discharge date (discharge notice)
 * @param patientConsulted whether the patient (or carer) has been consulted, null when not stated
 * @param chcConsidered    whether NHS Continuing Healthcare was considered, null when not stated
 * @param contactName      named contact at the hospital
 * @param contactTelecom   how to reach that contact
 * @param sourceEndpoint   where the answer goes
 */
public record CareActNotice(
        String noticeId,
        NoticeType type,
        boolean patientNamed,
        String nhsNumber,
        String hospitalOds,
        LocalDate dischargeDate,
        Boolean patientConsulted,
        Boolean chcConsidered,
        String contactName,
        String contactTelecom,
        String sourceEndpoint) {

    @Override
    public String toString() {
        return "CareActNotice[noticeId=" + noticeId + ", type=" + type + ", hospital=" + hospitalOds + "]";
    }
}
