-- Discharge notifications now go through the outbox (outbox_event, in the causing transaction): the
-- discharge_event table, which nothing delivered from, goes.
drop table discharge_event;

-- An outbox event may be addressed to one explicit endpoint instead of Subscription recipients (a hospital's
-- BaRS endpoint asking for an asynchronous response). Its headers (X-Request-Id...) go with every attempt.
-- (Outbox schema change kept in the discharge range: the only user this session; see docs/discharge.md.)
alter table outbox_event add column endpoint text;
alter table outbox_event add column endpoint_headers jsonb;
