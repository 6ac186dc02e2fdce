package org.carebridge.benchmarks.scenario;

import org.carebridge.benchmarks.gen.BarsMessages;
import org.carebridge.benchmarks.gen.FhirFactory;
import org.carebridge.benchmarks.gen.Hl7Adt;
import org.carebridge.benchmarks.gen.Model;
import org.carebridge.benchmarks.gen.Scale;
import org.carebridge.benchmarks.gen.SyntheticWorld;
import org.carebridge.benchmarks.load.TokenSource;
import org.carebridge.benchmarks.load.Tokens;
import org.carebridge.mappings.discharge.bars.BarsHeaders;
import org.carebridge.mappings.discharge.bars.BarsMessageValidator;
import org.carebridge.mappings.discharge.bars.BarsReceiver;
import org.carebridge.mappings.discharge.bars.BarsValidation;
import org.carebridge.mappings.discharge.hl7.AdtParser;
import org.carebridge.mappings.ecm.EcmCsvParser;
import org.carebridge.mappings.ecm.EcmFeedConfig;
import org.carebridge.mappings.ecm.EcmParseResult;
import org.carebridge.mappings.ecm.Pseudonymiser;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** What the feed scenarios send is what the gateway's own readers accept, addressed to the channels that take it. */
class FeedMessagesTest {
    private static final SyntheticWorld KENT = new SyntheticWorld(42, Scale.kent());

    private static RunContext ctx(int limit, int ecmProviders, String endpoint) throws Exception {
        return new RunContext("http://localhost:18480/fhir/kent", 0, 0, 0, limit, 100, KENT, new FhirFactory("b"),
                new Tokens(TokenSource.of(null, null), null, "886"), null, 0, 0, null, null, endpoint, null, "key",
                "ecm-{provider}", ecmProviders, 0, 0);
    }

    @Test
    void csvAndPushShareTheProvidersBetweenThem() {
        assertEquals(new EcmFeed.Share(0, 16), EcmFeed.share(32, true));
        assertEquals(new EcmFeed.Share(16, 32), EcmFeed.share(32, false));
        assertEquals(new EcmFeed.Share(0, 2), EcmFeed.share(3, true));
        assertEquals(new EcmFeed.Share(2, 3), EcmFeed.share(3, false));
        assertEquals(new EcmFeed.Share(0, 1), EcmFeed.share(1, false), "one provider: both send its events");
        assertThrows(IllegalArgumentException.class, () -> EcmFeed.share(0, true));
    }

    @Test
    void eachProvidersEventsGoToItsOwnChannelAndOnlyForPlannedVisits() throws Exception {
        RunContext c = ctx(20_000, 32, null);
        Set<String> planned = new HashSet<>();
        for (Model.Visit v : c.workload().visits) planned.add(v.visitId());
        for (boolean csv : new boolean[]{true, false}) {
            EcmFeed feed = csv ? EcmFeed.csvBatches() : EcmFeed.push();
            List<EcmFeed.Request> requests = feed.requests(c);
            assertFalse(requests.isEmpty());
            Set<String> urls = new HashSet<>();
            for (EcmFeed.Request r : requests) {
                urls.add(r.url());
                String body = new String(r.body(), StandardCharsets.UTF_8);
                String provider = r.url().substring(r.url().lastIndexOf("/ecm-") + 5);
                assertTrue(r.url().startsWith("http://localhost:18480/ingest/kent/ecm-v00"), r.url());
                // Every event names the channel's provider and a visit the ingest planned.
                for (String line : body.split("\n")) {
                    if (line.contains("\"visitId\": ") || (csv && !line.startsWith("eventId"))) {
                        assertTrue(line.contains(provider), "event of another provider on " + r.url());
                    }
                }
                if (!csv) assertTrue(r.events() <= 100, "bundle size");
            }
            EcmFeed.Share sh = EcmFeed.share(32, csv);
            assertTrue(urls.size() > 1 && urls.size() <= sh.to() - sh.from(), urls.toString());
            long events = requests.stream().mapToLong(EcmFeed.Request::events).sum();
            long expected = c.workload().ecmEvents(sh.from(), sh.to()).values().stream()
                    .flatMap(List::stream).filter(e -> planned.contains(e.visitId())).count();
            assertEquals(expected, events);
        }
        // Interleaved: consecutive requests of the push come from different providers.
        List<EcmFeed.Request> push = EcmFeed.push().requests(c);
        assertNotEquals(push.get(0).url(), push.get(1).url());
    }

    @Test
    void anEndpointMayNameTheProviderToo() throws Exception {
        RunContext c = ctx(2_000, 2, "http://gw/ingest/kent/push-{provider}");
        assertEquals("http://gw/ingest/kent/push-v0000", EcmFeed.channelUrl(c, KENT.provider(0)));
    }

    @Test
    void theCsvBatchesParseCleanlyForTheirProvider() throws Exception {
        RunContext c = ctx(20_000, 32, null);
        Pseudonymiser p = new Pseudonymiser("kent", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        for (EcmFeed.Request r : EcmFeed.csvBatches().requests(c)) {
            String provider = r.url().substring(r.url().lastIndexOf("/ecm-") + 5);
            EcmParseResult parsed = new EcmCsvParser(EcmFeedConfig.defaults(provider), p)
                    .parseAll(new StringReader(new String(r.body(), StandardCharsets.UTF_8)));
            assertEquals(List.of(), parsed.errors(), "no record of " + provider + " is refused by the parser");
            assertEquals(r.events(), parsed.events().size());
        }
    }

    @Test
    void referralsAreValidBarsMessagesForTheTenantAndAdtParses() {
        BarsMessageValidator validator = new BarsMessageValidator(new BarsReceiver("kent",
                Set.of(BarsMessages.tenantEndpoint("kent")), null));
        int checked = 0;
        for (int i = 0; i < 40; i++) {
            Model.Discharge d = KENT.discharge(i);
            Model.Person person = KENT.person(d.personIndex());
            if (person.nhsNumber() == null) continue;
            Bundle b = BarsMessages.referral(Discharge.renamed(d, "-t"), person, BarsMessages.tenantEndpoint("kent"));
            Bundle parsed = FhirFactory.json().parseResource(Bundle.class, FhirFactory.json().encodeResourceToString(b));
            BarsValidation v = validator.validate(parsed, new BarsHeaders("req-" + i, "conv-" + i));
            assertTrue(v.accepted(), v.issues().toString());
            for (String event : new String[]{"A01", "A03"}) {
                assertTrue(AdtParser.parse(Hl7Adt.message(d, person, event)).ok(), "ADT " + event + " parses");
            }
            checked++;
        }
        assertTrue(checked > 30);
        assertNotEquals(KENT.discharge(0).referralId(), Discharge.renamed(KENT.discharge(0), "-x").referralId());
    }

    @Test
    void aBarsBodyFromTheStaysTemplateIsTheBytesOfThatRoundsMessage() {
        String endpoint = BarsMessages.tenantEndpoint("kent");
        int checked = 0;
        for (int i = 0; i < 40; i++) {
            Model.Discharge d = KENT.discharge(i);
            Model.Person person = KENT.person(d.personIndex());
            String template = Discharge.template(d, person, endpoint, "mq3x9", FhirFactory.json());
            for (String round : new String[]{"0", "17", "first"}) {
                String direct = FhirFactory.json().encodeResourceToString(
                        BarsMessages.referral(Discharge.renamed(d, "-mq3x9-" + round), person, endpoint));
                assertEquals(direct, Discharge.body(template, round), "stay " + i + ", round " + round);
            }
            checked++;
        }
        assertEquals(40, checked);
    }
}
