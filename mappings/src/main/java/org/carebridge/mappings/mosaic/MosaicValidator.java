package org.carebridge.mappings.mosaic;

import static org.carebridge.mappings.mosaic.MosaicValues.blank;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.carebridge.mappings.common.NhsNumber;
import org.carebridge.mappings.mosaic.model.AccessDetails;
import org.carebridge.mappings.mosaic.model.CarePlanRecord;
import org.carebridge.mappings.mosaic.model.Contact;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.model.Need;
import org.carebridge.mappings.mosaic.model.Objection;
import org.carebridge.mappings.mosaic.model.OrderRecord;
import org.carebridge.mappings.mosaic.model.PersonRecord;
import org.carebridge.mappings.mosaic.model.PlannedCall;
import org.carebridge.mappings.mosaic.model.Review;

/**
 * Checks a header or a person record against the rules of the format (mosaic-extract.xsd plus what a schema cannot
 * say: the NHS number check digit, end not before start, at least one provider id). Pure; returns every problem
 * found rather than stopping at the first, so one report tells the council everything to fix in a record.
 */
public final class MosaicValidator {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");
    private static final Pattern POSTCODE = Pattern.compile("[A-Za-z]{1,2}[0-9][0-9A-Za-z]? ?[0-9][A-Za-z]{2}");
    private static final Pattern PHONE = Pattern.compile("[+0-9 ()\\-]{3,32}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final int MAX_TEXT = 2000;

    private MosaicValidator() {}

    public static List<FieldProblem> validateHeader(ExtractHeader h) {
        Checks c = new Checks();
        if (h == null) {
            c.add("header", "missing");
            return c.problems;
        }
        c.token("header.council", h.council, true);
        c.code("header.extractType", h.extractType, MosaicCodes.EXTRACT_TYPES, true);
        if (blank(h.extractTime)) {
            c.add("header.extractTime", "required");
        } else if (!MosaicValues.isDateTime(h.extractTime)) {
            c.add("header.extractTime", "not a date-time with offset (e.g. 2026-11-23T06:00:00Z)");
        }
        c.token("header.extractId", h.extractId, false);
        return c.problems;
    }

    public static List<FieldProblem> validate(PersonRecord p) {
        Checks c = new Checks();
        c.token("personId", p.personId, true);
        if (!blank(p.nhsNumber) && !NhsNumber.isValid(p.nhsNumber.trim())) {
            c.add("nhsNumber", "not a valid NHS number (10 digits, modulus 11 check)");
        }
        c.code("nhsNumberVerification", p.nhsNumberVerification, MosaicCodes.NHS_NUMBER_VERIFICATION.keySet(), false);
        if (!blank(p.nhsNumberVerification)) {
            String status = p.nhsNumberVerification.trim();
            // 01 and 02 say a number is present; 07 says none is; the others are states of a trace.
            if (blank(p.nhsNumber) && ("01".equals(status) || "02".equals(status))) {
                c.add("nhsNumberVerification", "says a number is present but no NHS number is given");
            } else if (!blank(p.nhsNumber) && "07".equals(status)) {
                c.add("nhsNumberVerification", "says no number is present but an NHS number is given");
            }
        }
        if (p.name == null || blank(p.name.family)) {
            c.add("name.family", "required");
        } else {
            c.text("name.family", p.name.family);
            for (int i = 0; i < p.name.given.size(); i++) {
                c.text("name.given[" + (i + 1) + "]", p.name.given.get(i));
            }
        }
        c.text("formOfAddress", p.formOfAddress);
        c.date("birthDate", p.birthDate, true);
        c.code("gender", p.gender, MosaicCodes.GENDERS, false);
        if (p.address != null) {
            if (!blank(p.address.postcode) && !POSTCODE.matcher(p.address.postcode.trim()).matches()) {
                c.add("address.postcode", "not a UK postcode");
            }
            c.code("address.ruralityClass", p.address.ruralityClass, MosaicCodes.RURALITY.keySet(), false);
        }
        c.phone("phone", p.phone);
        if (!blank(p.language) && !LANGUAGE.matcher(p.language.trim()).matches()) {
            c.add("language", "not a BCP 47 language tag (e.g. en, pa, pl)");
        }
        c.bool("interpreterRequired", p.interpreterRequired);
        c.text("communicationNeeds", p.communicationNeeds);
        c.code("clientGroup", p.clientGroup, MosaicCodes.CLIENT_GROUPS.keySet(), false);
        c.code("capacity", p.capacity, MosaicCodes.CAPACITY.keySet(), false);
        for (int i = 0; i < p.contacts.size(); i++) {
            Contact k = p.contacts.get(i);
            String f = "contact[" + (i + 1) + "]";
            c.code(f + ".role", k.role, MosaicCodes.CONTACT_ROLES, true);
            c.required(f + ".name", k.name);
            c.phone(f + ".phone", k.phone);
            c.code(f + ".authority", k.authority, MosaicCodes.REPRESENTATIVE_AUTHORITY.keySet(), false);
        }
        c.bool("restricted", p.restricted);
        Set<String> scopes = new HashSet<>();
        for (int i = 0; i < p.objections.size(); i++) {
            Objection o = p.objections.get(i);
            String f = "objection[" + (i + 1) + "]";
            c.code(f + ".scope", o.scope, MosaicCodes.OBJECTION_SCOPES.keySet(), true);
            if (!blank(o.scope) && !scopes.add(o.scope.trim())) {
                c.add(f + ".scope", "repeats an earlier objection's scope");
            }
            c.date(f + ".recorded", o.recorded, true);
            c.text(f + ".note", o.note);
        }
        AccessDetails a = p.access;
        if (a != null) {
            c.token("access.keySafeCode", a.keySafeCode, false);
            c.token("access.entryCode", a.entryCode, false);
            c.text("access.instructions", a.instructions);
        }
        if (p.careManager != null) {
            c.token("careManager.workerId", p.careManager.workerId, false);
            c.token("careManager.teamId", p.careManager.teamId, false);
            if (blank(p.careManager.workerId) && blank(p.careManager.teamId)) {
                c.add("careManager", "needs a workerId or a teamId");
            }
            c.phone("careManager.phone", p.careManager.phone);
        }
        Set<String> planIds = new HashSet<>();
        for (int i = 0; i < p.plans.size(); i++) {
            plan(c, "plan[" + (i + 1) + "]", p.plans.get(i), planIds);
        }
        Set<String> orderNumbers = new HashSet<>();
        for (int i = 0; i < p.orders.size(); i++) {
            order(c, "order[" + (i + 1) + "]", p.orders.get(i), orderNumbers);
        }
        return c.problems;
    }

    private static void plan(Checks c, String f, CarePlanRecord pl, Set<String> ids) {
        c.token(f + ".planId", pl.planId, true);
        if (!blank(pl.planId) && !ids.add(pl.planId.trim())) {
            c.add(f + ".planId", "repeats an earlier plan of this person");
        }
        c.code(f + ".status", pl.status, MosaicCodes.PLAN_STATUSES, true);
        c.period(f, pl.start, pl.end, true);
        for (int i = 0; i < pl.needs.size(); i++) {
            Need n = pl.needs.get(i);
            c.required(f + ".need[" + (i + 1) + "].description", n.description);
            c.text(f + ".need[" + (i + 1) + "].description", n.description);
            if (blank(n.met)) {
                c.add(f + ".need[" + (i + 1) + "].met", "required");
            } else {
                c.bool(f + ".need[" + (i + 1) + "].met", n.met);
            }
        }
        c.texts(f + ".personalOutcome", pl.personalOutcomes);
        c.texts(f + ".agreedOutcome", pl.agreedOutcomes);
        c.texts(f + ".goal", pl.goals);
        c.bool(f + ".timeCriticalCalls", pl.timeCriticalCalls);
        c.bool(f + ".doubleHanded", pl.doubleHanded);
        c.code(f + ".nightSupport", pl.nightSupport, MosaicCodes.NIGHT_SUPPORT.keySet(), false);
        for (int i = 0; i < pl.reviews.size(); i++) {
            Review r = pl.reviews.get(i);
            String rf = f + ".review[" + (i + 1) + "]";
            c.code(rf + ".type", r.type, MosaicCodes.REVIEW_TYPES.keySet(), true);
            c.date(rf + ".due", r.due, true);
            c.date(rf + ".completed", r.completed, false);
        }
    }

    private static void order(Checks c, String f, OrderRecord o, Set<String> numbers) {
        c.token(f + ".orderNumber", o.orderNumber, true);
        if (!blank(o.orderNumber) && !numbers.add(o.orderNumber.trim())) {
            c.add(f + ".orderNumber", "repeats an earlier order of this person");
        }
        c.code(f + ".kind", o.kind, MosaicCodes.ORDER_KINDS.keySet(), true);
        c.token(f + ".planId", o.planId, false);
        if (o.provider == null || (blank(o.provider.odsCode) && blank(o.provider.cqcLocationId))) {
            c.add(f + ".provider", "needs an odsCode or a cqcLocationId");
        } else {
            c.token(f + ".provider.odsCode", o.provider.odsCode, false);
            c.token(f + ".provider.cqcLocationId", o.provider.cqcLocationId, false);
            c.text(f + ".provider.name", o.provider.name);
        }
        c.code(f + ".serviceLine", o.serviceLine, MosaicCodes.SERVICE_LINES.keySet(), true);
        c.code(f + ".supportLevel", o.supportLevel, MosaicCodes.SUPPORT_LEVELS.keySet(), false);
        c.decimal(f + ".units", o.units, new BigDecimal("10000"));
        c.code(f + ".unitOfPurchase", o.unitOfPurchase, MosaicCodes.UNITS_OF_PURCHASE.keySet(), false);
        c.code(f + ".frequency", o.frequency, MosaicCodes.FREQUENCIES, false);
        if (!blank(o.units) && (blank(o.unitOfPurchase) || blank(o.frequency))) {
            c.add(f + ".units", "needs unitOfPurchase and frequency");
        }
        c.decimal(f + ".maxWeeklyHours", o.maxWeeklyHours, new BigDecimal("168"));
        for (int i = 0; i < o.calls.size(); i++) {
            PlannedCall call = o.calls.get(i);
            String cf = f + ".call[" + (i + 1) + "]";
            Set<String> days = new HashSet<>();
            for (String d : call.days) {
                if (blank(d) || !MosaicCodes.DAYS.contains(d.trim())) {
                    c.add(cf + ".day", "not one of mon, tue, wed, thu, fri, sat, sun");
                } else if (!days.add(d.trim())) {
                    c.add(cf + ".day", "repeated");
                }
            }
            if (blank(call.time)) {
                c.add(cf + ".time", "required");
            } else if (!MosaicValues.isTime(call.time)) {
                c.add(cf + ".time", "not a time (hh:mm[:ss])");
            }
            c.integer(cf + ".minutes", call.minutes, 1, 1440, true);
            c.integer(cf + ".workers", call.workers, 1, 4, false);
            c.bool(cf + ".timeCritical", call.timeCritical);
        }
        c.period(f, o.start, o.end, true);
        if (blank(o.status)) {
            c.add(f + ".status", "required");
        } else if (OrderStatus.fromCode(o.status.trim()).isEmpty()) {
            c.add(f + ".status", "not one of offered, accepted, declined, active, suspended, varied, cancelled, "
                    + "handed-back, ended");
        }
        c.date(f + ".statusDate", o.statusDate, false);
    }

    /** Collects problems; each check names the field. */
    private static final class Checks {
        final List<FieldProblem> problems = new ArrayList<>();

        void add(String field, String reason) {
            problems.add(new FieldProblem(field, reason));
        }

        void required(String field, String v) {
            if (blank(v)) {
                add(field, "required");
            }
        }

        void token(String field, String v, boolean required) {
            if (blank(v)) {
                if (required) {
                    add(field, "required");
                }
            } else if (!TOKEN.matcher(v.trim()).matches()) {
                add(field, "not an identifier (letters, digits and ._:/- up to 64 characters)");
            }
        }

        void text(String field, String v) {
            if (v != null && v.length() > MAX_TEXT) {
                add(field, "longer than " + MAX_TEXT + " characters");
            }
        }

        void texts(String field, List<String> vs) {
            for (int i = 0; i < vs.size(); i++) {
                String f = field + "[" + (i + 1) + "]";
                required(f, vs.get(i));
                text(f, vs.get(i));
            }
        }

        void phone(String field, String v) {
            if (!blank(v) && !PHONE.matcher(v.trim()).matches()) {
                add(field, "not a phone number");
            }
        }

        void code(String field, String v, Collection<String> allowed, boolean required) {
            if (blank(v)) {
                if (required) {
                    add(field, "required");
                }
            } else if (!allowed.contains(v.trim())) {
                add(field, "not one of " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }

        void date(String field, String v, boolean required) {
            if (blank(v)) {
                if (required) {
                    add(field, "required");
                }
            } else if (!MosaicValues.isDate(v)) {
                add(field, "not a date (yyyy-mm-dd)");
            }
        }

        void period(String f, String start, String end, boolean startRequired) {
            date(f + ".start", start, startRequired);
            date(f + ".end", end, false);
            if (MosaicValues.isDate(start) && !blank(end) && MosaicValues.isDate(end)
                    && MosaicValues.date(end).isBefore(MosaicValues.date(start))) {
                add(f + ".end", "before start");
            }
        }

        void bool(String field, String v) {
            if (!blank(v) && !MosaicValues.isBoolean(v)) {
                add(field, "not true or false");
            }
        }

        void decimal(String field, String v, BigDecimal max) {
            if (blank(v)) {
                return;
            }
            if (!MosaicValues.isDecimal(v)) {
                add(field, "not a number");
            } else {
                BigDecimal d = MosaicValues.decimal(v);
                if (d.signum() < 0 || d.compareTo(max) > 0) {
                    add(field, "outside 0.." + max.toPlainString());
                }
            }
        }

        void integer(String field, String v, int min, int max, boolean required) {
            if (blank(v)) {
                if (required) {
                    add(field, "required");
                }
                return;
            }
            try {
                int n = Integer.parseInt(v.trim());
                if (n < min || n > max) {
                    add(field, "outside " + min + ".." + max);
                }
            } catch (NumberFormatException e) {
                add(field, "not a whole number");
            }
        }
    }
}
