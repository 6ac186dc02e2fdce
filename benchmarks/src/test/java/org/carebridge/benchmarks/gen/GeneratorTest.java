package org.carebridge.benchmarks.gen;

import org.carebridge.benchmarks.gen.Model.EcmEvent;
import org.carebridge.benchmarks.gen.Model.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class GeneratorTest {
    private static final Scale TINY = Scale.small().withPeople(30);

    @Test
    void sameSeedGivesTheSameBytesInEveryFormat(@TempDir Path tmp) throws IOException {
        Map<String, Long> a = Generator.generate(new SyntheticWorld(11, TINY), new FhirFactory("b"), tmp.resolve("a"), DataFormats.names(), 100);
        Generator.generate(new SyntheticWorld(11, TINY), new FhirFactory("b"), tmp.resolve("b"), DataFormats.names(), 100);
        Generator.generate(new SyntheticWorld(12, TINY), new FhirFactory("b"), tmp.resolve("c"), DataFormats.names(), 100);
        Map<String, byte[]> fa = files(tmp.resolve("a")), fb = files(tmp.resolve("b")), fc = files(tmp.resolve("c"));
        assertEquals(fa.keySet(), fb.keySet());
        for (String f : fa.keySet()) assertArrayEquals(fa.get(f), fb.get(f), f);
        assertFalse(java.util.Arrays.equals(fa.get("ecm/events.csv"), fc.get("ecm/events.csv")), "another seed, other data");
        assertTrue(fa.keySet().containsAll(List.of("fhir/Patient.ndjson", "fhir/Appointment.ndjson", "mosaic/full.xml",
                "mosaic/delta.xml", "ecm/events.csv", "ecm/push/00001.json")), fa.keySet().toString());
        a.forEach((format, n) -> assertTrue(n > 0, format + " wrote nothing"));
    }

    @Test
    void kentScaleHasTwoToFourVisitsADayForAWeek() {
        SyntheticWorld w = new SyntheticWorld(42, Scale.kent());
        long visits = 0;
        int sample = 1000;
        for (int i = 0; i < sample; i++) {
            int n = w.visits(w.person(i)).size();
            assertTrue(n >= 14 && n <= 28, "person " + i + " has " + n + " visits");
            visits += n;
        }
        double perDay = visits / (double) sample / 7;
        assertEquals(3.0, perDay, 0.15, "about three visits a day on average");
    }

    @Test
    void ecmEventsCarryTheAdvertisedNoise() {
        SyntheticWorld w = new SyntheticWorld(42, Scale.kent());
        List<EcmEvent> all = new ArrayList<>();
        long visits = 0;
        for (int i = 0; i < 2000; i++) {
            all.addAll(w.events(w.person(i)));
            visits += w.visits(w.person(i)).size();
        }
        Set<String> ids = new HashSet<>();
        int duplicates = 0, manual = 0, lateKeyed = 0, outOfOrder = 0, noReply = 0;
        EcmEvent prev = null;
        for (EcmEvent e : all) {
            if (!ids.add(e.eventId())) duplicates++;
            if (e.method().equals("manual")) {
                manual++;
                assertNotNull(e.exceptionCode(), "manual entries carry an exception code");
                if (e.enteredAt().isAfter(e.time().plusSeconds(24 * 3600))) lateKeyed++;
            }
            if (e.kind() == Kind.NO_REPLY) noReply++;
            if (prev != null && prev.clientId().equals(e.clientId()) && e.time().isBefore(prev.time())) outOfOrder++;
            prev = e;
        }
        int checkIns = (int) all.stream().filter(e -> e.kind() == Kind.CHECK_IN).distinct().count();
        assertTrue(checkIns < visits * 1.1 && checkIns > visits * 0.9, "about one check-in per visit (+ second workers)");
        assertTrue(duplicates > 0 && duplicates < all.size() / 50, "duplicates ~1 %: " + duplicates);
        assertTrue(manual > all.size() / 40 && manual < all.size() / 10, "manual ~5 %: " + manual);
        assertTrue(lateKeyed > 0, "some manual entries keyed more than 24 h later");
        assertTrue(outOfOrder > 0, "some events out of order");
        assertTrue(noReply > 0, "some missed visits leave a no-reply event");
    }

    @Test
    void fhirIdsAreStableAndReferencesPointAtGeneratedResources() {
        SyntheticWorld w = new SyntheticWorld(42, TINY);
        FhirFactory f = new FhirFactory("b");
        Model.Person p = w.person(3);
        var appt = f.appointment(w.visits(p).get(0), w.order(p).orderNumber());
        assertEquals("bp3", f.patient(p).getIdPart());
        assertEquals("Patient/bp3", appt.getParticipantFirstRep().getActor().getReference());
        assertEquals("ba3-0-0", appt.getIdPart());
        assertThrows(IllegalArgumentException.class, () -> new FhirFactory("bad prefix"));
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
