-- Whatever a route cannot process is kept here whole (payload and transport headers) with the error, until an
-- operator replays it after a fix or discards it. Error messages carry no personal data (project rule).
create table dead_letter (
    tenant          text        not null,
    id              bigint      generated always as identity primary key,
    route_id        text        not null,
    channel_kind    text        not null,
    partner         text,
    received_at     timestamptz not null default now(),
    error_class     text        not null,
    error_message   text        not null,
    payload         bytea       not null,
    headers         jsonb       not null default '{}',
    status          text        not null default 'new' check (status in ('new', 'replayed', 'discarded')),
    attempts        int         not null default 1,
    last_attempt_at timestamptz not null default now(),
    resolved_at     timestamptz,
    resolved_by     text
);
create index dead_letter_list on dead_letter (tenant, status, received_at desc);
create index dead_letter_route on dead_letter (tenant, route_id, received_at desc);

select carebridge_protect('dead_letter');
