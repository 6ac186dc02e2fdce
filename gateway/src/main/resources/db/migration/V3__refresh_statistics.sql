-- ANALYZE needs the table's owner, and the gateway works as carebridge_app (row-level security applies to it).
-- Feeds filling an empty store refresh the planner's statistics as they grow (GrowthStatistics), through this
-- function, which runs as the owner and analyses only the store tables named here.
create function carebridge_refresh_statistics(target text) returns void
    language plpgsql security definer set search_path = public as $$
begin
    if target not in ('ecm_visit') then
        raise exception 'carebridge_refresh_statistics: % is not a table the feeds refresh', target;
    end if;
    execute format('analyze %I', target);
end $$;

revoke all on function carebridge_refresh_statistics(text) from public;
do $$
begin
    if exists (select from pg_roles where rolname = 'carebridge_app') then
        grant execute on function carebridge_refresh_statistics(text) to carebridge_app;
    end if;
end $$;
