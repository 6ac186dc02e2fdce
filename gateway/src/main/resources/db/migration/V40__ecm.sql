-- Electronic call monitoring (issue #5): raw events, planned visits and the alerts raised for them.

-- Every ECM event as received (worker already a keyed pseudonym, free text scrubbed), append-only: a correction is
-- a new row naming the event it supersedes. A repeat of (tenant, provider, event id) is ignored by the insert.
create table ecm_event (
    tenant      text        not null,
    provider_id text        not null,
    event_id    text        not null,
    seq         bigint      generated always as identity,
    received_at timestamptz not null default now(),
    client_id   text        not null,
    kind        text        not null,
    event_time  timestamptz not null,
    content     text        not null,   -- VisitEventJson
    primary key (tenant, provider_id, event_id)
);

create function ecm_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ecm_event is append-only: send a correction (supersedes) instead';
end $$;
create trigger ecm_event_no_update before update on ecm_event for each row execute function ecm_event_append_only();

-- Planned visits (the rota), with the resources they are shown as and the state the last judgement left.
create table ecm_visit (
    tenant           text        not null,
    visit_id         text        not null,
    provider_id      text        not null,
    order_number     text        not null,
    client_id        text        not null,
    planned_start    timestamptz not null,
    planned_end      timestamptz not null,
    time_critical    boolean     not null,
    workers_required int         not null,
    cancelled        boolean     not null,
    missed_at        timestamptz not null,
    appointment_id   text        not null,
    encounter_id     text        not null,
    order_res_id     text,
    patient_res_id   text,
    provider_res_id  text,
    status           text        not null default 'booked',
    refused          boolean     not null default false,
    primary key (tenant, visit_id)
);
create index ecm_visit_client on ecm_visit (tenant, client_id, planned_start);
-- What the missed-visit check scans: visits nobody has checked in to yet.
create index ecm_visit_due on ecm_visit (tenant, missed_at) where status = 'booked' and not cancelled;

-- Which visit each event was placed on (an event not here was rejected and waits for replay as a dead letter).
create table ecm_visit_event (
    tenant      text not null,
    provider_id text not null,
    event_id    text not null,
    visit_id    text not null,
    primary key (tenant, provider_id, event_id)
);
create index ecm_visit_event_visit on ecm_visit_event (tenant, visit_id);

-- Alerts raised: the key (tenant/visit/reason) is unique, so no visit is ever alerted twice for one reason.
create table ecm_alert (
    tenant    text        not null,
    alert_key text        not null,
    visit_id  text        not null,
    reason    text        not null,
    task_id   text        not null,
    raised_at timestamptz not null default now(),
    primary key (tenant, alert_key)
);
create index ecm_alert_visit on ecm_alert (tenant, visit_id);

-- One row per file or push: the per-record report (record number, event id, outcome, reason; no personal data).
create table ecm_batch (
    tenant      text        not null,
    id          bigint      generated always as identity primary key,
    route_id    text        not null,
    provider_id text        not null,
    source      text,
    received_at timestamptz not null default now(),
    accepted    int         not null,
    duplicates  int         not null,
    rejected    int         not null,
    invalid     int         not null,
    report      jsonb       not null
);
create index ecm_batch_list on ecm_batch (tenant, route_id, received_at desc);

select carebridge_protect('ecm_event');
select carebridge_protect('ecm_visit');
select carebridge_protect('ecm_visit_event');
select carebridge_protect('ecm_alert');
select carebridge_protect('ecm_batch');
