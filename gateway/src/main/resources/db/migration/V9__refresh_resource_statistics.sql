-- V9, not V4: it must come after V8, which defines the function it replaces (a fresh store runs them in order).
-- The store's growth refresh ('fhir_idx') also analyses fhir_resource: the Bundle lock's and readAll's lookups
-- (one primary-key probe per id) kept a generic plan made while the table held the demo data alone, a sequential
-- scan per id, as the ingest filled it (0.6 s per Bundle of 100 new Appointments; nothing else analysed it).
-- Same grants as before (create or replace keeps them).
create or replace function carebridge_refresh_statistics(target text) returns void
    language plpgsql security definer set search_path = public as $$
begin
    if target = 'fhir_idx' then
        analyze fhir_resource;
        analyze fhir_idx_token;
        analyze fhir_idx_ref;
        analyze fhir_idx_date;
        return;
    end if;
    if target not in ('ecm_visit') then
        raise exception 'carebridge_refresh_statistics: % is not a table the feeds refresh', target;
    end if;
    execute format('analyze %I', target);
end $$;
