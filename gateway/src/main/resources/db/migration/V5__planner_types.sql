-- The resource types the planner's statistics of fhir_resource know (its most common values of res_type), for the
-- store's UnseenTypes: pg_stats hides the statistics of a table under row-level security from the gateway's role,
-- so the owner reads them. Type names only: no row of any tenant is exposed.
create function carebridge_planner_types() returns text[]
    language sql stable security definer set search_path = public as $$
    select coalesce((select most_common_vals::text::text[] from pg_stats
                      where schemaname = 'public' and tablename = 'fhir_resource' and attname = 'res_type'), '{}')
$$;

revoke all on function carebridge_planner_types() from public;
do $$
begin
    if exists (select from pg_roles where rolname = 'carebridge_app') then
        grant execute on function carebridge_planner_types() to carebridge_app;
    end if;
end $$;

-- And the refresh UnseenTypes asks for: fhir_resource alone (which types there are), not the index tables as well
-- (the four tables of carebridge_refresh_statistics('fhir_idx') took ~1.7 s on a Kent store). A function of its own:
-- carebridge_refresh_statistics is redefined by V8 and V9, which a fresh store runs after this one.
create function carebridge_refresh_resource_statistics() returns void
    language plpgsql security definer set search_path = public as $$
begin
    analyze fhir_resource;
end $$;

revoke all on function carebridge_refresh_resource_statistics() from public;
do $$
begin
    if exists (select from pg_roles where rolname = 'carebridge_app') then
        grant execute on function carebridge_refresh_resource_statistics() to carebridge_app;
    end if;
end $$;

-- No statement filters on a resource's JSON (searches use the index tables), so ANALYZE need not sort and compare
-- 30,000 sampled documents for statistics nobody reads: on the Kent store an ANALYZE of fhir_resource took 240-310 ms
-- with them and 150-165 ms without (this refresh, the store's growth refreshes and autovacuum's own).
alter table fhir_resource alter column content set statistics 0;
alter table fhir_resource_version alter column content set statistics 0;
