package org.carebridge.rules.visits;

import java.util.Locale;

/** The planned visit's state, in FHIR Appointment.status terms. */
public enum AppointmentStatus {
    BOOKED, ARRIVED, FULFILLED, NOSHOW, CANCELLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
