-- A visit's state update (check-in: booked -> arrived; check-out: arrived -> fulfilled) wrote a new entry in all
-- five of ecm_visit's indexes, because status was in the predicate of ecm_visit_due and PostgreSQL skips index
-- writes (a HOT update) only when no indexed or predicate column changes. The predicate now reads a stored
-- generated flag: it changes once, when the visit stops being due, so later updates (the check-out, a refusal
-- flag) can be HOT. Room on the page for them: fillfactor 80 for the pages filled from now on.
alter table ecm_visit add column due boolean generated always as (status = 'booked' and not cancelled) stored;
create index ecm_visit_due_flag on ecm_visit (tenant, missed_at) where due;
drop index ecm_visit_due;
alter table ecm_visit set (fillfactor = 80);
