package org.carebridge.rules.referrals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Brokerage of one referral: the package is offered to one or more providers, each answers by updating its Task;
 * the first acceptance wins and the other open offers are withdrawn. Immutable: each step returns the new state
 * and the events it caused.
 */
public record Brokerage(String referralId, List<Offer> offers, State state) {

    public enum State {
        /** Offers out, none accepted. */
        OPEN,
        /** A provider accepted: the package is placed. */
        PLACED,
        /** Every provider asked declined. */
        UNPLACED,
        /** The referral was cancelled. */
        CANCELLED
    }

    public record Step(Brokerage brokerage, List<BrokerageEvent> events) {}

    public Brokerage {
        offers = List.copyOf(offers);
    }

    public static Brokerage start(String referralId) {
        return new Brokerage(referralId, List.of(), State.OPEN);
    }

    public Optional<Offer> offer(String offerId) {
        return offers.stream().filter(o -> o.offerId().equals(offerId)).findFirst();
    }

    public Optional<Offer> accepted() {
        return offers.stream().filter(o -> o.status() == Offer.Status.ACCEPTED).findFirst();
    }

    /** Offers the package to more providers (a provider already holding an open or accepted offer is skipped). */
    public Step offerTo(List<String> providerIds, Instant at, Supplier<String> offerIds) {
        if (state == State.PLACED || state == State.CANCELLED) {
            throw new BrokerageConflict("referral " + referralId + " is " + state.name().toLowerCase() + ": no new offers");
        }
        List<Offer> next = new ArrayList<>(offers);
        List<BrokerageEvent> events = new ArrayList<>();
        for (String provider : providerIds) {
            boolean holding = next.stream().anyMatch(o -> o.providerId().equals(provider)
                    && (o.status() == Offer.Status.REQUESTED || o.status() == Offer.Status.ACCEPTED));
            if (!holding) {
                Offer o = new Offer(offerIds.get(), provider, Offer.Status.REQUESTED, at, null, null);
                next.add(o);
                events.add(new BrokerageEvent.OfferMade(referralId, o.offerId(), provider, at));
            }
        }
        return new Step(new Brokerage(referralId, next, events.isEmpty() ? state : State.OPEN), events);
    }

    /** The provider accepts: it wins if it is first; every other open offer is withdrawn. */
    public Step accept(String offerId, Instant at) {
        Offer o = open(offerId);
        List<Offer> next = new ArrayList<>();
        List<BrokerageEvent> events = new ArrayList<>();
        events.add(new BrokerageEvent.OfferAccepted(referralId, offerId, o.providerId(), at));
        for (Offer other : offers) {
            if (other.offerId().equals(offerId)) {
                next.add(other.with(Offer.Status.ACCEPTED, at, null));
            } else if (other.open()) {
                next.add(other.with(Offer.Status.CANCELLED, at, null));
                events.add(new BrokerageEvent.OfferWithdrawn(referralId, other.offerId(), other.providerId(), at));
            } else {
                next.add(other);
            }
        }
        return new Step(new Brokerage(referralId, next, State.PLACED), events);
    }

    public Step decline(String offerId, String reason, Instant at) {
        Offer o = open(offerId);
        List<Offer> next = offers.stream().map(x -> x.offerId().equals(offerId) ? x.with(Offer.Status.REJECTED, at, reason) : x)
                .toList();
        List<BrokerageEvent> events = new ArrayList<>();
        events.add(new BrokerageEvent.OfferDeclined(referralId, offerId, o.providerId(), reason, at));
        boolean anyOpen = next.stream().anyMatch(Offer::open);
        if (!anyOpen) {
            events.add(new BrokerageEvent.AllOffersDeclined(referralId, at));
        }
        return new Step(new Brokerage(referralId, next, anyOpen ? State.OPEN : State.UNPLACED), events);
    }

    /** The referral was cancelled (ServiceRequest revoked): every open or accepted offer is withdrawn. */
    public Step cancel(Instant at) {
        List<BrokerageEvent> events = new ArrayList<>();
        List<Offer> next = offers.stream().map(o -> {
            if (o.open() || o.status() == Offer.Status.ACCEPTED) {
                events.add(new BrokerageEvent.OfferWithdrawn(referralId, o.offerId(), o.providerId(), at));
                return o.with(Offer.Status.CANCELLED, at, null);
            }
            return o;
        }).toList();
        return new Step(new Brokerage(referralId, next, State.CANCELLED), events);
    }

    private Offer open(String offerId) {
        Offer o = offer(offerId).orElseThrow(() -> new BrokerageConflict("offer " + offerId + " is not an offer of referral " + referralId));
        if (!o.open()) {
            throw new BrokerageConflict("offer " + offerId + " is already " + o.status().taskCode()
                    + (state == State.PLACED && o.status() == Offer.Status.CANCELLED ? ": another provider accepted first" : ""));
        }
        return o;
    }
}
