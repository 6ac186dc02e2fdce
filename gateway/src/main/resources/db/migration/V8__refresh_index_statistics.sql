-- The store also refreshes the statistics of the search index tables as writers fill them (GrowthStatistics, target
-- 'fhir_idx': the three tables in one call, in a fixed order): a generic plan made while they were nearly empty read
-- them whole for every resource written (seconds per chunk of 5,000 ECM events on a first day of visits).
create or replace function carebridge_refresh_statistics(target text) returns void
    language plpgsql security definer set search_path = public as $$
begin
    if target = 'fhir_idx' then
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
