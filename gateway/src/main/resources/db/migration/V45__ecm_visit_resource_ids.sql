-- Actual visits posted over FHIR name their visit by the Appointment or the Encounter the gateway shows it as.
create unique index ecm_visit_appointment on ecm_visit (tenant, appointment_id);
create unique index ecm_visit_encounter on ecm_visit (tenant, encounter_id);
