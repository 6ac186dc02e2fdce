package org.carebridge.rules.referrals;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.carebridge.rules.referrals.BrokerageEvent.*;
import org.junit.jupiter.api.Test;

class BrokerageTest {
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private static Supplier<String> ids() {
        AtomicInteger n = new AtomicInteger();
        return () -> "offer-" + n.incrementAndGet();
    }

    private static Brokerage offeredToThree() {
        return Brokerage.start("ref-1").offerTo(List.of("P1", "P2", "P3"), T0, ids()).brokerage();
    }

    @Test
    void offersGoToEachProviderOnce() {
        Brokerage.Step s = Brokerage.start("ref-1").offerTo(List.of("P1", "P2", "P1"), T0, ids());
        assertEquals(2, s.brokerage().offers().size());
        assertEquals(List.of(new OfferMade("ref-1", "offer-1", "P1", T0), new OfferMade("ref-1", "offer-2", "P2", T0)), s.events());
    }

    @Test
    void theFirstAcceptanceWinsAndTheOtherOpenOffersAreWithdrawn() {
        Brokerage b = offeredToThree().decline("offer-3", "no capacity in the patch", T0.plusSeconds(60)).brokerage();
        Brokerage.Step s = b.accept("offer-2", T0.plusSeconds(120));

        assertEquals(Brokerage.State.PLACED, s.brokerage().state());
        assertEquals("P2", s.brokerage().accepted().orElseThrow().providerId());
        assertEquals(List.of(
                new OfferAccepted("ref-1", "offer-2", "P2", T0.plusSeconds(120)),
                new OfferWithdrawn("ref-1", "offer-1", "P1", T0.plusSeconds(120))), s.events());
        assertEquals(Offer.Status.REJECTED, s.brokerage().offer("offer-3").orElseThrow().status(), "a decline stays a decline");
        assertEquals(Offer.Status.CANCELLED, s.brokerage().offer("offer-1").orElseThrow().status());

        BrokerageConflict late = assertThrows(BrokerageConflict.class, () -> s.brokerage().accept("offer-1", T0.plusSeconds(180)));
        assertTrue(late.getMessage().contains("another provider accepted first"), late.getMessage());
        assertThrows(BrokerageConflict.class, () -> s.brokerage().accept("offer-2", T0.plusSeconds(180)));
        assertThrows(BrokerageConflict.class, () -> s.brokerage().offerTo(List.of("P4"), T0, ids()));
    }

    @Test
    void whenEveryProviderDeclinesBrokerageIsAlertedAndMayOfferAgain() {
        Brokerage b = offeredToThree();
        b = b.decline("offer-1", "no capacity", T0).brokerage();
        b = b.decline("offer-2", "no capacity", T0).brokerage();
        Brokerage.Step last = b.decline("offer-3", "no capacity", T0);

        assertEquals(Brokerage.State.UNPLACED, last.brokerage().state());
        assertTrue(last.events().contains(new AllOffersDeclined("ref-1", T0)));

        Brokerage.Step again = last.brokerage().offerTo(List.of("P4"), T0.plusSeconds(3600), () -> "offer-4");
        assertEquals(Brokerage.State.OPEN, again.brokerage().state());
        assertEquals("P4", again.brokerage().offer("offer-4").orElseThrow().providerId());
    }

    @Test
    void cancellingTheReferralWithdrawsOpenAndAcceptedOffers() {
        Brokerage placed = offeredToThree().accept("offer-1", T0).brokerage();
        Brokerage.Step s = placed.cancel(T0.plusSeconds(10));
        assertEquals(Brokerage.State.CANCELLED, s.brokerage().state());
        assertEquals(List.of(new OfferWithdrawn("ref-1", "offer-1", "P1", T0.plusSeconds(10))), s.events());
        assertTrue(s.brokerage().offers().stream().allMatch(o -> o.status() == Offer.Status.CANCELLED));
    }

    @Test
    void unknownOffersAreConflicts() {
        BrokerageConflict e = assertThrows(BrokerageConflict.class, () -> offeredToThree().accept("offer-9", T0));
        assertTrue(e.getMessage().contains("offer-9"));
    }
}
