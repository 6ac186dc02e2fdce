-- The audit log: append-only, one SHA-256 hash chain per tenant. Each row's hash covers the previous row's
-- hash and the row's own canonical content, so changing, removing or reordering rows breaks the chain.
create table audit_event (
    tenant        text        not null,
    seq           bigint      not null,
    recorded      timestamptz not null,
    action        text        not null,   -- read, vread, search, history, create, update, delete, transaction, operation, export, admin, purge, refusal
    outcome       integer     not null,   -- HTTP status
    agent_sub     text        not null,
    agent_org     text        not null,
    agent_org_type text       not null,
    agent_roles   text        not null,
    purpose       text        not null,
    client_ip     text        not null,
    what          text        not null,   -- resource ids / type and parameter names; never values that identify a person
    patients      text[]      not null,
    detail        text        not null,
    prev_hash     text        not null,
    hash          text        not null,
    primary key (tenant, seq)
);
create index audit_event_patients on audit_event using gin (patients);
create index audit_event_recorded on audit_event (tenant, recorded);
create index audit_event_agent on audit_event (tenant, agent_sub);

create table audit_chain_head (
    tenant    text   not null primary key,
    seq       bigint not null,
    hash      text   not null
);

select carebridge_protect(t) from unnest(array['audit_event','audit_chain_head']) t;

-- Append-only for the application, and for anyone else a trigger refuses to change history.
do $$
begin
    if exists (select from pg_roles where rolname = 'carebridge_app') then
        revoke update, delete on audit_event from carebridge_app;
    end if;
end $$;

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end $$;

create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_append_only();
