-- Dated references (SearchParameterRegistry.datedBy): the index rows of Appointment.patient also carry the
-- Appointment's date (its start, one value at most), so a person's visits between two dates -- a provider's hot
-- search -- are one range scan of one index. Before, each of the person's Appointments was probed in fhir_resource
-- and once per date bound in fhir_idx_date: ~4 buffers a probe, 340-470 buffers per search on the Kent week.
-- Other rows leave the columns null and stay out of the partial index.
alter table fhir_idx_ref add column low timestamptz, add column high timestamptz;

create index fhir_idx_ref_dated on fhir_idx_ref (tenant, res_type, param, target_id, high)
    include (low, target_type, res_id) where low is not null;

-- The rows already stored take their Appointment's date. Row-level security is forced on both tables, so an owner
-- that is not a superuser would see no rows (no tenant declared): forcing is lifted for this statement alone
-- (the migration is one transaction; DatedReferenceMigrationTest runs it as such an owner).
alter table fhir_idx_ref no force row level security;
alter table fhir_idx_date no force row level security;
update fhir_idx_ref x set low = d.low, high = d.high
  from fhir_idx_date d
 where x.res_type = 'Appointment' and x.param = 'patient'
   and d.tenant = x.tenant and d.res_type = x.res_type and d.res_id = x.res_id and d.param = 'date';
alter table fhir_idx_date force row level security;
alter table fhir_idx_ref force row level security;
