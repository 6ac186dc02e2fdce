-- The FHIR resource store. Every row carries its tenant (council) and row-level security refuses any query that
-- has not declared one: the application sets carebridge.tenant at the start of each transaction.

create table fhir_resource (
    tenant        text        not null,
    res_type      text        not null,
    res_id        text        not null,
    version       bigint      not null,
    last_updated  timestamptz not null,
    deleted       boolean     not null default false,
    content       jsonb,
    primary key (tenant, res_type, res_id)
);
create index fhir_resource_last_updated on fhir_resource (tenant, res_type, last_updated);

-- Every version, the current one included, so vread and _history never touch the live table.
create table fhir_resource_version (
    tenant        text        not null,
    res_type      text        not null,
    res_id        text        not null,
    version       bigint      not null,
    last_updated  timestamptz not null,
    method        text        not null,
    content       jsonb,
    primary key (tenant, res_type, res_id, version)
);

-- Search indexes: one row per indexed value of the current version.
create table fhir_idx_token (
    tenant    text not null,
    res_type  text not null,
    res_id    text not null,
    param     text not null,
    system    text,
    value     text not null
);
create index fhir_idx_token_lookup on fhir_idx_token (tenant, res_type, param, value, system);
create index fhir_idx_token_owner on fhir_idx_token (tenant, res_type, res_id);

create table fhir_idx_ref (
    tenant       text not null,
    res_type     text not null,
    res_id       text not null,
    param        text not null,
    target_type  text not null,
    target_id    text not null
);
create index fhir_idx_ref_lookup on fhir_idx_ref (tenant, res_type, param, target_id, target_type, res_id);
create index fhir_idx_ref_owner on fhir_idx_ref (tenant, res_type, res_id);

create table fhir_idx_date (
    tenant    text not null,
    res_type  text not null,
    res_id    text not null,
    param     text not null,
    low       timestamptz not null,
    high      timestamptz not null
);
create index fhir_idx_date_lookup on fhir_idx_date (tenant, res_type, param, low, high);
create index fhir_idx_date_owner on fhir_idx_date (tenant, res_type, res_id, param);

-- Superusers bypass row-level security, so the application works as this role (SET ROLE on each connection).
do $$
begin
    if not exists (select from pg_roles where rolname = 'carebridge_app') then
        create role carebridge_app nologin;
    end if;
exception when insufficient_privilege then
    raise notice 'cannot create role carebridge_app: run the gateway as a non-superuser table owner instead';
end $$;

-- Later migrations call this for every table holding tenant data.
create function carebridge_protect(t text) returns void language plpgsql as $$
begin
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_only on %I using (tenant = current_setting(''carebridge.tenant'', true)) '
                   'with check (tenant = current_setting(''carebridge.tenant'', true))', t);
    if exists (select from pg_roles where rolname = 'carebridge_app') then
        execute format('grant select, insert, update, delete on %I to carebridge_app', t);
    end if;
end $$;

select carebridge_protect(t) from unnest(array['fhir_resource','fhir_resource_version','fhir_idx_token',
                                               'fhir_idx_ref','fhir_idx_date']) t;
