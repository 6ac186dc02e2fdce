-- Transactional outbox: feeds append an event in the same transaction as the FHIR change it announces, so an
-- event exists if and only if the change committed. The dispatcher fans each event out to the matching
-- Subscriptions (one delivery row each) and delivers them at least once, in order per person.
create table outbox_event (
    tenant         text        not null,
    seq            bigint      generated always as identity,
    created_at     timestamptz not null default now(),
    person         text        not null,     -- Patient id the event is about: deliveries keep order per person
    kind           text        not null,     -- offer, order-changed, order-cancelled, suspension, alert...
    resource_type  text        not null,
    resource_id    text        not null,
    recipients     text[]      not null,     -- references (Organization/x...) allowed to hear about it
    payload        jsonb,                    -- what may be sent (already reduced by the feed), or null for id-only
    fanned_out     boolean     not null default false,
    primary key (tenant, seq)
);
create index outbox_event_pending on outbox_event (tenant, seq) where not fanned_out;

create table delivery (
    tenant           text        not null,
    subscription_id  text        not null,
    event_seq        bigint      not null,
    person           text        not null,
    delivery_id      uuid        not null,   -- deterministic per (tenant, subscription, event): receivers dedupe on it
    status           text        not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    delivered_at     timestamptz,
    primary key (tenant, subscription_id, event_seq)
);
create index delivery_due on delivery (tenant, next_attempt_at) where status = 'pending';
create index delivery_person on delivery (tenant, subscription_id, person, event_seq) where status = 'pending';

select carebridge_protect(t) from unnest(array['outbox_event', 'delivery']) t;
