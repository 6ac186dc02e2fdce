-- Who may see whom, derived from the orders (ServiceRequest) in the same transaction as each write.
-- A provider sees a person while an order for that person is offered to, active with, or ended within the
-- handover grace period with that provider (H:3943); a hospital sees the referrals it sent.
create table access_grant (
    tenant      text        not null,
    order_id    text        not null,            -- ServiceRequest id
    party_type  text        not null,            -- provider | hospital
    party_id    text        not null,            -- ODS code ('' while the Organization is not yet known)
    party_ref   text        not null,            -- Organization/<id> or identifier|value
    patient_id  text        not null,
    valid_to    timestamptz,                     -- null = open (offered or active)
    open        boolean     not null             -- true while the order is offered or active (access codes)
);
create index access_grant_party on access_grant (tenant, party_type, party_id, patient_id);
create index access_grant_party_order on access_grant (tenant, party_type, party_id, order_id);
create index access_grant_order on access_grant (tenant, order_id);
create index access_grant_ref on access_grant (tenant, party_ref);

-- Objections to sharing (Consent, provision type deny): party_type provider | hospital | * ; party_id ODS or *.
create table sharing_objection (
    tenant      text not null,
    consent_id  text not null,
    patient_id  text not null,
    party_type  text not null,
    party_id    text not null
);
create index sharing_objection_patient on sharing_objection (tenant, patient_id);
create index sharing_objection_consent on sharing_objection (tenant, consent_id);

select carebridge_protect(t) from unnest(array['access_grant','sharing_objection']) t;
