package org.carebridge.mappings.mosaic.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.carebridge.mappings.common.NhsNumber;
import org.carebridge.mappings.mosaic.FieldProblem;
import org.carebridge.mappings.mosaic.MosaicValidator;
import org.carebridge.mappings.mosaic.MosaicValues;
import org.carebridge.mappings.mosaic.model.AccessDetails;
import org.carebridge.mappings.mosaic.model.Address;
import org.carebridge.mappings.mosaic.model.CareManager;
import org.carebridge.mappings.mosaic.model.CarePlanRecord;
import org.carebridge.mappings.mosaic.model.Contact;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.model.Need;
import org.carebridge.mappings.mosaic.model.Objection;
import org.carebridge.mappings.mosaic.model.OrderRecord;
import org.carebridge.mappings.mosaic.model.PersonName;
import org.carebridge.mappings.mosaic.model.PersonRecord;
import org.carebridge.mappings.mosaic.model.PlannedCall;
import org.carebridge.mappings.mosaic.model.ProviderRef;
import org.carebridge.mappings.mosaic.model.Review;

/**
 * The CSV variant read row by row into the same person records as the XML. Rows of one person follow that
 * person's {@code person} row; a person record ends at the next {@code person} row. Because rows are
 * self-delimiting, a bad or oversized row rejects only its person and reading goes on.
 */
public final class CsvExtractReader implements MosaicExtractReader {
    private final LimitedInputStream in;
    private final CsvRowReader rows;
    private final CsvColumnMapping mapping;
    private final int maxRecordChars;
    private final Map<String, Integer> index = new HashMap<>();
    private final ExtractHeader header;
    private Row pending;
    private int recordNumber;
    private boolean finished;

    /** One row; {@code problem} set when the row itself is unusable (too long): it rejects its person. */
    private record Row(List<String> cells, long line, String type, String problem) {}

    private CsvExtractReader(InputStream source, ReaderLimits limits, CsvColumnMapping mapping) {
        this.in = new LimitedInputStream(source, limits);
        this.mapping = mapping;
        this.maxRecordChars = limits.maxRecordBytes();
        // Malformed UTF-8 is an error, not silently replaced text.
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.rows = new CsvRowReader(new BufferedReader(new InputStreamReader(in, decoder), 65536),
                limits.maxRecordBytes());
        this.header = readHeader();
    }

    public static CsvExtractReader open(InputStream source, ReaderLimits limits, CsvColumnMapping mapping) {
        return new CsvExtractReader(source, limits, mapping);
    }

    @Override
    public ExtractHeader header() {
        return header;
    }

    private ExtractHeader readHeader() {
        List<String> names = readRaw(0);
        if (names == null) {
            throw fatal(0, 0, "file", "empty file", null);
        }
        for (int i = 0; i < names.size(); i++) {
            String canonical = mapping.canonical(names.get(i));
            if (canonical != null && index.putIfAbsent(canonical, i) != null) {
                throw fatal(0, 1, "header row", "two columns map to " + canonical, null);
            }
        }
        if (!index.containsKey(CsvColumns.RECORD_TYPE)) {
            throw fatal(0, 1, "header row", "no record_type column (after the council's column mapping)", null);
        }
        Row first = readRow(0);
        if (first != null && first.problem != null) {
            throw fatal(0, first.line, "header", first.problem, null);
        }
        if (first == null || !CsvColumns.EXTRACT.equals(first.type)) {
            throw fatal(0, first == null ? 0 : first.line, "header", "the first data row must be the extract row",
                    null);
        }
        ExtractHeader h = new ExtractHeader(get(first, "council"), get(first, "extract_type"),
                get(first, "extract_time"), get(first, "extract_id"));
        List<FieldProblem> problems = MosaicValidator.validateHeader(h);
        if (!problems.isEmpty()) {
            throw fatal(0, first.line, problems.get(0).field(), problems.get(0).reason(), null);
        }
        pending = readRow(0);
        return h;
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            finished = true;
        }
        return !finished;
    }

    @Override
    public ExtractRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int number = ++recordNumber;
        Row start = pending;
        List<FieldProblem> problems = new ArrayList<>();
        PersonRecord person = null;
        String id = MosaicValues.trim(get(start, CsvColumns.PERSON_ID));
        long chars = size(start);
        if (start.problem != null) {
            problems.add(new FieldProblem("record", start.problem));
        } else if (CsvColumns.PERSON.equals(start.type)) {
            person = person(start);
        } else {
            problems.add(new FieldProblem(CsvColumns.RECORD_TYPE,
                    "line " + start.line + ": a " + describe(start.type) + " row before any person row"));
        }
        // The rows of this person, up to the next person row.
        while (true) {
            Row row = readRow(number);
            if (row == null || CsvColumns.PERSON.equals(row.type)) {
                pending = row;
                break;
            }
            chars += size(row);
            if (row.problem != null) {
                problems.add(new FieldProblem("record", row.problem));
                continue;
            }
            if (person == null) {
                continue;
            }
            String rowPerson = MosaicValues.trim(get(row, CsvColumns.PERSON_ID));
            if (rowPerson != null && !rowPerson.equals(id)) {
                problems.add(new FieldProblem(CsvColumns.PERSON_ID,
                        "line " + row.line + ": row names another person than the person row before it"));
                continue;
            }
            addRow(person, row, problems);
        }
        if (chars > maxRecordChars) {
            problems.add(0, new FieldProblem("record", "record is larger than " + maxRecordChars + " characters"));
        }
        List<RecordProblem> all = new ArrayList<>();
        for (FieldProblem p : problems) {
            all.add(RecordProblem.of(number, start.line, id, p));
        }
        if (person != null && problems.isEmpty()) {
            for (FieldProblem p : MosaicValidator.validate(person)) {
                all.add(RecordProblem.of(number, start.line, id, p));
            }
        }
        return new ExtractRecord(number, start.line, id, person, all);
    }

    private static String describe(String type) {
        return type == null || type.isBlank() ? "typeless" : CsvColumns.ROW_TYPES.contains(type) ? type : "unknown";
    }

    private void addRow(PersonRecord p, Row row, List<FieldProblem> problems) {
        switch (row.type == null ? "" : row.type) {
            case CsvColumns.CONTACT -> {
                Contact c = new Contact();
                c.role = get(row, "contact_role");
                c.name = get(row, "contact_name");
                c.relationship = get(row, "contact_relationship");
                c.phone = get(row, "contact_phone");
                c.authority = get(row, "contact_authority");
                p.contacts.add(c);
            }
            case CsvColumns.OBJECTION -> {
                Objection o = new Objection();
                o.scope = get(row, "objection_scope");
                o.recorded = get(row, "objection_recorded");
                o.note = get(row, "objection_note");
                p.objections.add(o);
            }
            case CsvColumns.PLAN -> p.plans.add(plan(row));
            case CsvColumns.ORDER -> p.orders.add(order(row));
            case CsvColumns.CALL -> {
                String number = MosaicValues.trim(get(row, "order_number"));
                OrderRecord order = p.orders.stream()
                        .filter(o -> number != null && number.equals(MosaicValues.trim(o.orderNumber)))
                        .findFirst().orElse(null);
                if (order == null) {
                    problems.add(new FieldProblem("order_number",
                            "line " + row.line + ": call row for an order not listed above it for this person"));
                } else {
                    PlannedCall call = new PlannedCall();
                    call.days.addAll(list(get(row, "call_days")));
                    call.time = get(row, "call_time");
                    call.minutes = get(row, "call_minutes");
                    call.workers = get(row, "call_workers");
                    call.timeCritical = get(row, "call_time_critical");
                    order.calls.add(call);
                }
            }
            case CsvColumns.EXTRACT -> problems.add(new FieldProblem(CsvColumns.RECORD_TYPE,
                    "line " + row.line + ": a second extract row"));
            default -> problems.add(new FieldProblem(CsvColumns.RECORD_TYPE,
                    "line " + row.line + ": not one of extract, person, contact, objection, plan, order, call"));
        }
    }

    private PersonRecord person(Row r) {
        PersonRecord p = new PersonRecord();
        p.personId = get(r, CsvColumns.PERSON_ID);
        // Reports often print NHS numbers spaced ("943 476 5919"): the digits are what counts.
        p.nhsNumber = NhsNumber.normalise(get(r, "nhs_number"));
        p.nhsNumberVerification = get(r, "nhs_number_status");
        PersonName n = new PersonName();
        n.title = get(r, "title");
        n.given.addAll(list(get(r, "given_names")));
        n.family = get(r, "family_name");
        p.name = n;
        p.formOfAddress = get(r, "form_of_address");
        p.birthDate = get(r, "birth_date");
        p.gender = get(r, "gender");
        Address a = new Address();
        a.line.addAll(list(get(r, "address_lines")));
        a.town = get(r, "town");
        a.postcode = get(r, "postcode");
        a.ruralityClass = get(r, "rurality_class");
        if (!a.line.isEmpty() || a.town != null || a.postcode != null || a.ruralityClass != null) {
            p.address = a;
        }
        p.phone = get(r, "phone");
        p.language = get(r, "language");
        p.interpreterRequired = get(r, "interpreter_required");
        p.communicationNeeds = get(r, "communication_needs");
        p.clientGroup = get(r, "client_group");
        p.capacity = get(r, "capacity");
        p.restricted = get(r, "restricted");
        AccessDetails access = new AccessDetails();
        access.keySafeCode = get(r, "key_safe_code");
        access.entryCode = get(r, "entry_code");
        access.instructions = get(r, "access_instructions");
        if (access.keySafeCode != null || access.entryCode != null || access.instructions != null) {
            p.access = access;
        }
        CareManager cm = new CareManager();
        cm.workerId = get(r, "care_manager_id");
        cm.name = get(r, "care_manager_name");
        cm.teamId = get(r, "care_team_id");
        cm.teamName = get(r, "care_team_name");
        cm.phone = get(r, "care_manager_phone");
        if (cm.workerId != null || cm.name != null || cm.teamId != null || cm.teamName != null) {
            p.careManager = cm;
        }
        return p;
    }

    private CarePlanRecord plan(Row r) {
        CarePlanRecord pl = new CarePlanRecord();
        pl.planId = get(r, "plan_id");
        pl.status = get(r, "plan_status");
        pl.start = get(r, "plan_start");
        pl.end = get(r, "plan_end");
        for (String need : list(get(r, "needs_met"))) {
            pl.needs.add(new Need(need, "true"));
        }
        for (String need : list(get(r, "needs_unmet"))) {
            pl.needs.add(new Need(need, "false"));
        }
        pl.personalOutcomes.addAll(list(get(r, "personal_outcomes")));
        pl.agreedOutcomes.addAll(list(get(r, "agreed_outcomes")));
        pl.goals.addAll(list(get(r, "goals")));
        pl.timeCriticalCalls = get(r, "time_critical_calls");
        pl.doubleHanded = get(r, "double_handed");
        pl.nightSupport = get(r, "night_support");
        String first = get(r, "first_review_due");
        String next = get(r, "next_review_due");
        String completed = get(r, "last_review_completed");
        if (first != null) {
            // The last completed review date belongs to the first review while no later one is due.
            pl.reviews.add(new Review("first", first, next == null ? completed : null));
        }
        if (next != null) {
            pl.reviews.add(new Review("scheduled", next, null));
        }
        return pl;
    }

    private OrderRecord order(Row r) {
        OrderRecord o = new OrderRecord();
        o.orderNumber = get(r, "order_number");
        o.kind = get(r, "order_kind");
        o.planId = get(r, "order_plan_id");
        ProviderRef pr = new ProviderRef();
        pr.odsCode = get(r, "provider_ods");
        pr.cqcLocationId = get(r, "provider_cqc");
        pr.name = get(r, "provider_name");
        o.provider = pr;
        o.serviceLine = get(r, "service_line");
        o.supportLevel = get(r, "support_level");
        o.units = get(r, "units");
        o.unitOfPurchase = get(r, "unit_of_purchase");
        o.frequency = get(r, "frequency");
        o.maxWeeklyHours = get(r, "max_weekly_hours");
        o.start = get(r, "order_start");
        o.end = get(r, "order_end");
        o.status = get(r, "order_status");
        o.statusDate = get(r, "status_date");
        return o;
    }

    private static List<String> list(String cell) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The cell of a canonical column, value-mapped; blank is null. */
    private String get(Row r, String column) {
        Integer i = index.get(column);
        if (i == null || i >= r.cells.size()) {
            return null;
        }
        String v = r.cells.get(i);
        if (v == null || v.isBlank()) {
            return null;
        }
        return mapping.value(column, v.trim());
    }

    private static long size(Row r) {
        long n = 0;
        for (String c : r.cells) {
            n += c.length() + 1;
        }
        return n;
    }

    private Row readRow(int number) {
        try {
            List<String> cells = rows.next();
            return cells == null ? null : toRow(cells, null);
        } catch (CsvRowReader.RowTooLong e) {
            return toRow(e.partial, "line " + e.line + ": row longer than " + maxRecordChars + " characters");
        } catch (IOException e) {
            finished = true;
            throw failure(number, e);
        }
    }

    private List<String> readRaw(int number) {
        try {
            return rows.next();
        } catch (CsvRowReader.RowTooLong e) {
            throw fatal(number, e.line, "header row", "longer than the record limit", null);
        } catch (IOException e) {
            throw failure(number, e);
        }
    }

    private Row toRow(List<String> cells, String problem) {
        Integer t = index.get(CsvColumns.RECORD_TYPE);
        String type = t < cells.size() ? mapping.value(CsvColumns.RECORD_TYPE, cells.get(t).trim()) : null;
        return new Row(cells, rows.rowLine(), type, problem);
    }

    private MosaicExtractException failure(int number, IOException e) {
        if (e instanceof LimitedInputStream.LimitExceeded l) {
            return fatal(number, rows.rowLine(), "file", l.getMessage(), null);
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return fatal(number, rows.rowLine(), "file", "not UTF-8 text", e);
        }
        return fatal(number, rows.rowLine(), "file", e.getMessage() == null ? "unreadable" : e.getMessage(), e);
    }

    private MosaicExtractException fatal(int number, long line, String field, String reason, Throwable cause) {
        return new MosaicExtractException(new RecordProblem(number, line, null, field, reason), cause);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing to recover on close.
        }
    }
}
