-- Mosaic extracts (docs/mosaic-extract.md): what the gateway remembers between files.

-- The last extract applied per council: an older one arriving later is skipped, the same one again too.
create table mosaic_extract_state (
    tenant        text        not null primary key,
    extract_id    text,
    extract_time  timestamptz not null,
    file_digest   text        not null,
    applied_at    timestamptz not null default now()
);

-- Content hash of what the last extract wrote for each resource, and the version it wrote: an unchanged resource
-- gets no new version. A version other than the current one means someone else wrote it since: write again.
create table mosaic_resource_hash (
    tenant    text   not null,
    res_type  text   not null,
    res_id    text   not null,
    version   bigint not null,
    hash      bytea  not null,
    primary key (tenant, res_type, res_id)
);

-- Key safe and entry codes (H:3765-3770): never in a resource with the person's name or address. Only the opaque
-- reference (an HMAC of council and person id) links them to orders (ServiceRequest.supportingInfo.identifier).
create table mosaic_access_arrangement (
    reference     text        not null,
    tenant        text        not null,
    key_safe_code text,
    entry_code    text,
    instructions  text,
    updated_at    timestamptz not null default now(),
    primary key (tenant, reference)
);

-- Full extracts held because they would end too many open orders; the file is kept on disk (held-dir) until
-- integration staff confirm or discard it.
create table mosaic_held_extract (
    tenant        text        not null,
    id            text        not null,
    file_name     text        not null,
    stored_as     text        not null,
    extract_id    text,
    extract_time  timestamptz not null,
    open_orders   int         not null,
    orders_to_end int         not null,
    reason        text        not null,
    status        text        not null default 'held' check (status in ('held', 'confirmed', 'discarded')),
    held_at       timestamptz not null default now(),
    resolved_at   timestamptz,
    resolved_by   text,
    primary key (tenant, id)
);
create index mosaic_held_extract_status on mosaic_held_extract (tenant, status, held_at desc);

-- Every file's report (ids, field names and reasons only: no personal data), for the API.
create table mosaic_extract_report (
    tenant       text        not null,
    id           bigint      generated always as identity,
    received_at  timestamptz not null default now(),
    file_name    text        not null,
    outcome      text        not null,
    extract_id   text,
    held_id      text,
    report       jsonb       not null,
    primary key (tenant, id)
);
create index mosaic_extract_report_recent on mosaic_extract_report (tenant, received_at desc);

select carebridge_protect(t) from unnest(array['mosaic_extract_state', 'mosaic_resource_hash',
    'mosaic_access_arrangement', 'mosaic_held_extract', 'mosaic_extract_report']) t;
