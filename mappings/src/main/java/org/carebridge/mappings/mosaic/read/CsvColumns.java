package org.carebridge.mappings.mosaic.read;

import java.util.List;
import java.util.Set;

/**
 * The canonical column names of the CSV variant (docs/mosaic-extract.md). One file, one header row, one row per
 * thing, the kind of thing in {@code record_type}; a council's own names map onto these by configuration.
 */
public final class CsvColumns {
    private CsvColumns() {}

    public static final String RECORD_TYPE = "record_type";
    public static final String PERSON_ID = "person_id";

    /** Row kinds. The first data row is the extract row; a person row starts a person; the rest belong to it. */
    public static final String EXTRACT = "extract";
    public static final String PERSON = "person";
    public static final String CONTACT = "contact";
    public static final String OBJECTION = "objection";
    public static final String PLAN = "plan";
    public static final String ORDER = "order";
    public static final String CALL = "call";
    public static final Set<String> ROW_TYPES = Set.of(EXTRACT, PERSON, CONTACT, OBJECTION, PLAN, ORDER, CALL);

    public static final List<String> ALL = List.of(
            RECORD_TYPE, PERSON_ID,
            // extract
            "council", "extract_type", "extract_time", "extract_id",
            // person
            "nhs_number", "nhs_number_status", "title", "given_names", "family_name", "form_of_address",
            "birth_date", "gender", "address_lines", "town", "postcode", "rurality_class", "phone", "language",
            "interpreter_required", "communication_needs", "client_group", "capacity", "restricted",
            "key_safe_code", "entry_code", "access_instructions",
            "care_manager_id", "care_manager_name", "care_team_id", "care_team_name", "care_manager_phone",
            // contact
            "contact_role", "contact_name", "contact_relationship", "contact_phone", "contact_authority",
            // objection
            "objection_scope", "objection_recorded", "objection_note",
            // plan
            "plan_id", "plan_status", "plan_start", "plan_end", "needs_met", "needs_unmet", "personal_outcomes",
            "agreed_outcomes", "goals", "time_critical_calls", "double_handed", "night_support",
            "first_review_due", "next_review_due", "last_review_completed",
            // order
            "order_number", "order_kind", "order_plan_id", "provider_ods", "provider_cqc", "provider_name",
            "service_line", "support_level", "units", "unit_of_purchase", "frequency", "max_weekly_hours",
            "order_start", "order_end", "order_status", "status_date",
            // call (order_number names the order)
            "call_days", "call_time", "call_minutes", "call_workers", "call_time_critical");

    /** Separator inside a cell holding several values (given names, address lines, outcomes, days). */
    public static final String LIST_SEPARATOR = "|";
}
