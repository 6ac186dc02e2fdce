-- An objection naming an Organization that is not (yet) known, or whose ODS code changes later, follows it: the
-- reference is kept beside the ODS code and the Organization's writes update the code (as for access_grant).
alter table sharing_objection add column party_ref text not null default '';
create index sharing_objection_ref on sharing_objection (tenant, party_ref);
