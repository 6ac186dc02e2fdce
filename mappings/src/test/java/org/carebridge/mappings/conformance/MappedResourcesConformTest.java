package org.carebridge.mappings.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.carebridge.mappings.discharge.BreachAlerts;
import org.carebridge.mappings.discharge.OfferTaskMapper;
import org.carebridge.mappings.discharge.ReferralOrders;
import org.carebridge.mappings.discharge.SharedDir;
import org.carebridge.mappings.discharge.notice.CareActNoticeReader;
import org.carebridge.mappings.discharge.notice.CareActNoticeTest;
import org.carebridge.mappings.discharge.notice.NoticeAnswerBuilder;
import org.carebridge.mappings.discharge.notice.NoticeType;
import org.carebridge.mappings.mosaic.MosaicCodes;
import org.carebridge.profiles.validation.ProfileValidator;
import org.carebridge.rules.referrals.Brokerage;
import org.carebridge.rules.referrals.ReferralClockRules;
import org.carebridge.rules.referrals.ReferralClocks;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every resource the mappings emit in their tests conforms to the CareBridge profiles it declares and to UK Core
 * (ProfileValidator always adds the UK Core profile of the type): 0 errors; external code systems (SNOMED CT) may
 * warn. Covers the Mosaic and ECM golden files (what the feeds store) and the discharge outputs.
 */
class MappedResourcesConformTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static ProfileValidator validator;

    private static synchronized ProfileValidator validator() {
        if (validator == null) {
            validator = ProfileValidator.create(FHIR);
        }
        return validator;
    }

    @TestFactory
    Stream<DynamicTest> mosaicAndEcmGoldenResourcesConform() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String dir : List.of("mosaic/golden", "ecm/golden")) {
            Path folder = Path.of(System.getProperty("basedir", "."), "src/test/resources", dir);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted().toList()) {
                    String json = Files.readString(file, StandardCharsets.UTF_8);
                    if (!json.contains("\"resourceType\": \"Bundle\"")) {
                        continue; // e.g. the Mosaic bad-records report: not FHIR
                    }
                    Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, json);
                    tests.addAll(entries(dir + "/" + file.getFileName(), bundle));
                }
            }
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> dischargeOutputsConform() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        Instant received = Instant.parse("2026-01-05T10:00:00Z");

        // The council's order made from the hospital's BaRS referral, placed, and revoked.
        Bundle message = FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(
                SharedDir.barsExamples().resolve("process_message/request/ValidationRequest (POST) .json")));
        ServiceRequest sent = message.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(ServiceRequest.class::isInstance).map(ServiceRequest.class::cast).findFirst().orElseThrow();
        ServiceRequest order = ReferralOrders.fromReferral(sent, "ref-1", "Patient/person-1");
        tests.add(test("referral order", order));
        tests.add(test("placed referral order", ReferralOrders.placed(order, "Organization/P1")));
        tests.add(test("revoked referral order", ReferralOrders.revoked(order)));

        // Offers to two providers, one declined, one accepted.
        AtomicLong n = new AtomicLong();
        Brokerage.Step offered = Brokerage.start("ref-1").offerTo(List.of("P1", "P2"),
                received.plus(Duration.ofMinutes(30)), () -> "offer-" + n.incrementAndGet());
        Brokerage b = offered.brokerage();
        b = b.decline("offer-2", "no capacity in the area", received.plus(Duration.ofHours(1))).brokerage();
        b = b.accept("offer-1", received.plus(Duration.ofHours(2))).brokerage();
        for (var offer : List.of(offered.brokerage().offers().get(0), b.offer("offer-1").orElseThrow(),
                b.offer("offer-2").orElseThrow())) {
            tests.add(test("offer " + offer.offerId() + " " + offer.status(), OfferTaskMapper.toTask(offer,
                    "ServiceRequest/ref-1", "Patient/person-1", "Organization/" + offer.providerId())));
        }

        // Breach alerts: acknowledgement and response overdue.
        ReferralClocks clocks = new ReferralClocks(ReferralClockRules.forTenant("lbhf"));
        ReferralClocks.Request r = new ReferralClocks.Request(received, received.plus(Duration.ofDays(10)), null, true);
        Instant now = received.plus(Duration.ofHours(25));
        for (ReferralClocks.Breach breach : clocks.breaches(r, null, null, now)) {
            tests.add(test("breach alert " + breach.clock(), BreachAlerts.toTask(breach, "ServiceRequest/ref-1",
                    "Organization/brokerage", now)));
        }

        // Care Act notice answers: accepted and rejected.
        AtomicLong ids = new AtomicLong();
        NoticeAnswerBuilder answers = new NoticeAnswerBuilder("KCC01", "http://fhir.nhs.uk/Id/dos-service-id|111111111",
                () -> new UUID(0, ids.incrementAndGet()));
        var notice = CareActNoticeReader.read(CareActNoticeTest.notice(NoticeType.ASSESSMENT)).notice();
        tests.addAll(entries("notice accepted", answers.build(notice, true, List.of(), now)));
        tests.addAll(entries("notice rejected", answers.build(notice, false, List.of("minimum content missing: x"), now)));
        assertTrue(tests.size() > 8);
        return tests.stream();
    }

    /** Every code the mappings and rules can emit is in the published code system it is emitted under. */
    @TestFactory
    Stream<DynamicTest> everyCodeTheMappingsEmitIsPublished() {
        List<DynamicTest> tests = new ArrayList<>();
        java.util.Map<Class<? extends Enum<?>>, java.util.Collection<String>> emitted = new java.util.LinkedHashMap<>();
        emitted.put(cast(org.carebridge.profiles.terminology.PayableReason.class),
                Stream.of(org.carebridge.rules.visits.PayableReason.values()).map(c -> c.code()).toList());
        emitted.put(cast(org.carebridge.profiles.terminology.VisitException.class),
                Stream.of(org.carebridge.rules.visits.VisitExceptionCode.values()).map(c -> c.code()).toList());
        emitted.put(cast(org.carebridge.profiles.terminology.CheckInMethod.class),
                Stream.of(org.carebridge.rules.visits.CheckInMethod.values()).map(c -> c.code()).toList());
        emitted.put(cast(org.carebridge.profiles.terminology.NotificationReason.class), constants(
                org.carebridge.rules.visits.NotificationReasons.class));
        emitted.put(cast(org.carebridge.profiles.terminology.OrderStatus.class),
                Stream.of(org.carebridge.mappings.mosaic.OrderStatus.values()).map(c -> c.code()).toList());
        emitted.put(cast(org.carebridge.profiles.terminology.RuralityClass.class), MosaicCodes.RURALITY.keySet());
        emitted.put(cast(org.carebridge.profiles.terminology.ReviewType.class), MosaicCodes.REVIEW_TYPES.keySet());
        emitted.put(cast(org.carebridge.profiles.terminology.UnitOfPurchase.class), MosaicCodes.UNITS_OF_PURCHASE.keySet());
        emitted.put(cast(org.carebridge.profiles.terminology.ClientGroup.class), MosaicCodes.CLIENT_GROUPS.keySet());
        emitted.put(cast(org.carebridge.profiles.terminology.ServiceLine.class), MosaicCodes.SERVICE_LINES.keySet());
        emitted.put(cast(org.carebridge.profiles.terminology.SupportLevel.class), MosaicCodes.SUPPORT_LEVELS.keySet());
        emitted.put(cast(org.carebridge.profiles.terminology.OrderKind.class), MosaicCodes.ORDER_KINDS.keySet());
        emitted.put(cast(org.carebridge.profiles.terminology.MentalCapacity.class), MosaicCodes.CAPACITY.keySet());
        emitted.put(cast(org.carebridge.profiles.terminology.OutcomeType.class), MosaicCodes.OUTCOME_TYPES.keySet());
        emitted.put(cast(org.carebridge.profiles.terminology.RepresentativeAuthority.class),
                MosaicCodes.REPRESENTATIVE_AUTHORITY.keySet());
        emitted.put(cast(org.carebridge.profiles.terminology.SharingScope.class), MosaicCodes.OBJECTION_SCOPES.keySet());
        emitted.put(cast(org.carebridge.profiles.terminology.NightSupport.class),
                MosaicCodes.NIGHT_SUPPORT.keySet().stream().filter(c -> !c.equals("none")).toList()); // none emits nothing
        emitted.forEach((system, codes) -> {
            java.util.Set<String> published = Stream.of(system.getEnumConstants())
                    .map(e -> ((org.carebridge.profiles.terminology.CareBridgeCode) e).code())
                    .collect(java.util.stream.Collectors.toSet());
            for (String code : codes) {
                tests.add(DynamicTest.dynamicTest(system.getSimpleName() + "#" + code,
                        () -> assertTrue(published.contains(code), system.getSimpleName() + " lacks " + code)));
            }
        });
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Enum<?>> cast(Class<?> c) {
        return (Class<? extends Enum<?>>) c;
    }

    private static List<String> constants(Class<?> holder) {
        List<String> out = new ArrayList<>();
        for (java.lang.reflect.Field f : holder.getFields()) {
            if (f.getType() == String.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                try {
                    out.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    private static List<DynamicTest> entries(String source, Bundle bundle) {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource resource = e.getResource();
            tests.add(test(source + " #" + (i++) + " " + resource.fhirType(), resource));
        }
        return tests;
    }

    private static DynamicTest test(String name, Resource resource) {
        return DynamicTest.dynamicTest(name, () -> {
            ValidationResult result = validator().validate(resource);
            assertFalse(ProfileValidator.hasErrors(result), () -> name + "\n" + ProfileValidator.describe(result));
        });
    }
}
