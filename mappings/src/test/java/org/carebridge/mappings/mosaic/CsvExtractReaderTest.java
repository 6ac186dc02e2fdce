package org.carebridge.mappings.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carebridge.mappings.mosaic.read.CsvColumnMapping;
import org.carebridge.mappings.mosaic.read.CsvExtractReader;
import org.carebridge.mappings.mosaic.read.ExtractRecord;
import org.carebridge.mappings.mosaic.read.MosaicExtractException;
import org.carebridge.mappings.mosaic.read.ReaderLimits;
import org.carebridge.mappings.mosaic.read.RecordProblem;
import org.junit.jupiter.api.Test;

class CsvExtractReaderTest {
    /** Hammersmith & Fulham's report as it comes, mapped by configuration (what the gateway loads from YAML). */
    static final CsvColumnMapping HF = new CsvColumnMapping(
            Map.ofEntries(Map.entry("Type", "record_type"), Map.entry("Client ID", "person_id"),
                    Map.entry("Council", "council"), Map.entry("Extract Type", "extract_type"),
                    Map.entry("Run Time", "extract_time"), Map.entry("NHS No", "nhs_number"),
                    Map.entry("Surname", "family_name"), Map.entry("Forenames", "given_names"),
                    Map.entry("DOB", "birth_date"), Map.entry("Sex", "gender"), Map.entry("Post Code", "postcode"),
                    Map.entry("Order Ref", "order_number"), Map.entry("Order Type", "order_kind"),
                    Map.entry("Provider CQC", "provider_cqc"), Map.entry("Provider", "provider_name"),
                    Map.entry("Service", "service_line"), Map.entry("Start Date", "order_start"),
                    Map.entry("Order Status", "order_status")),
            Map.of("record_type", Map.of("EXTRACT", "extract", "CLIENT", "person", "SERVICE", "order"),
                    "gender", Map.of("F", "female", "M", "male"),
                    "service_line", Map.of("Home Care", "home-care"),
                    "order_status", Map.of("Live", "active", "Suspended", "suspended")));

    @Test
    void aCouncilsOwnColumnsAndValuesMapOntoTheFormat() {
        try (CsvExtractReader r = CsvExtractReader.open(Samples.open("hf-delta-council-columns.csv"),
                ReaderLimits.DEFAULT, HF)) {
            assertEquals("hf", r.header().council);
            assertEquals("delta", r.header().extractType);
            List<ExtractRecord> records = new ArrayList<>();
            r.forEachRemaining(records::add);
            assertEquals(List.of("M-88", "M-89", "M-90", "M-91"),
                    records.stream().map(ExtractRecord::personId).toList());

            ExtractRecord good = records.get(0);
            assertTrue(good.isValid(), good.problems()::toString);
            assertEquals("female", good.person().gender);
            assertEquals("Rita", good.person().name.given.get(0));
            assertEquals("active", good.person().orders.get(0).status);
            assertEquals("home-care", good.person().orders.get(0).serviceLine);

            assertEquals(List.of("nhsNumber"), fields(records.get(1)));
            assertEquals(List.of("birthDate"), fields(records.get(2)));
            // "Paused" is not in the council's value mapping: named, not guessed.
            assertEquals(List.of("order[1].status"), fields(records.get(3)));
            assertEquals(4, records.get(3).recordNumber());
            assertEquals(7, records.get(3).line());
        }
    }

    @Test
    void aMappingToAnUnknownColumnIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvColumnMapping.ofColumns(Map.of("Client", "client_id")));
        assertTrue(e.getMessage().contains("client_id"));
    }

    @Test
    void withoutTheMappingTheCouncilsFileIsRefusedClearly() {
        MosaicExtractException e = assertThrows(MosaicExtractException.class, () -> CsvExtractReader.open(
                Samples.open("hf-delta-council-columns.csv"), ReaderLimits.DEFAULT, CsvColumnMapping.CANONICAL));
        assertTrue(e.getMessage().contains("no record_type column"), e.getMessage());
    }

    @Test
    void rowProblemsRejectOnlyTheirPerson() {
        String csv = """
                record_type,person_id,council,extract_type,extract_time,family_name,birth_date,order_number,order_kind,provider_ods,service_line,order_start,order_status,call_time,call_minutes
                extract,,kent,delta,2026-11-23T06:00:00Z,,,,,,,,,,
                plan-ish,P0,,,,,,,,,,,,,
                person,P1,,,,"Smith, Jr",1940-01-01,,,,,,,,
                order,P1,,,,,,SDO-1,SDO,ODS1,home-care,2026-01-01,active,,
                call,P1,,,,,,SDO-9,,,,,,08:00,30
                person,P2,,,,Jones,1941-01-01,,,,,,,,
                order,P3,,,,,,SDO-2,SDO,ODS1,home-care,2026-01-01,active,,
                person,P4,,,,"Quote ""the"" name",1942-01-01,,,,,,,,
                order,P4,,,,,,SDO-4,SDO,ODS1,home-care,2026-01-01,active,,
                call,P4,,,,,,SDO-4,,,,,,08:00,30
                """;
        List<ExtractRecord> records = read(csv);
        assertEquals(List.of(1, 2, 3, 4), records.stream().map(ExtractRecord::recordNumber).toList());
        assertEquals(List.of("record_type"), fields(records.get(0)));
        assertTrue(records.get(0).problems().get(0).reason().contains("line 3"));
        assertEquals(List.of("order_number"), fields(records.get(1)));
        assertEquals("Smith, Jr", records.get(1).person().name.family);
        assertEquals(List.of("person_id"), fields(records.get(2)));
        assertTrue(records.get(3).isValid(), records.get(3).problems()::toString);
        assertEquals("Quote \"the\" name", records.get(3).person().name.family);
        assertEquals(1, records.get(3).person().orders.get(0).calls.size());
    }

    @Test
    void anOversizedPersonIsRejectedAndReadingGoesOn() {
        String big = "x".repeat(5000);
        String csv = "record_type,person_id,council,extract_type,extract_time,family_name,birth_date,communication_needs\n"
                + "extract,,kent,delta,2026-11-23T06:00:00Z,,,\n"
                + "person,P1,,,,Big,1940-01-01," + big + "\n"
                + "person,P2,,,,Small,1940-01-01,\n";
        List<ExtractRecord> records = new ArrayList<>();
        try (CsvExtractReader r = CsvExtractReader.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                new ReaderLimits(1_000_000, 1000), CsvColumnMapping.CANONICAL)) {
            r.forEachRemaining(records::add);
        }
        assertEquals(2, records.size());
        assertFalse(records.get(0).isValid());
        assertTrue(records.get(0).problems().get(0).reason().contains("row longer than 1000"));
        assertTrue(records.get(1).isValid());
    }

    @Test
    void notUtf8IsRefused() {
        byte[] latin1 = ("record_type,person_id,council,extract_type,extract_time,family_name,birth_date\n"
                + "extract,,kent,delta,2026-11-23T06:00:00Z,,\nperson,P1,,,,Bront\u00eb,1940-01-01\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        MosaicExtractException e = assertThrows(MosaicExtractException.class, () -> {
            try (CsvExtractReader r = CsvExtractReader.open(new ByteArrayInputStream(latin1), ReaderLimits.DEFAULT,
                    CsvColumnMapping.CANONICAL)) {
                r.forEachRemaining(x -> { });
            }
        });
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    private static List<ExtractRecord> read(String csv) {
        List<ExtractRecord> records = new ArrayList<>();
        try (CsvExtractReader r = CsvExtractReader.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                ReaderLimits.DEFAULT, CsvColumnMapping.CANONICAL)) {
            r.forEachRemaining(records::add);
        }
        return records;
    }

    private static List<String> fields(ExtractRecord r) {
        return r.problems().stream().map(RecordProblem::field).toList();
    }
}
