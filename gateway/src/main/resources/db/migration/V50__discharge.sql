-- Hospital discharge and admission (issue #6): what the gateway keeps beside the FHIR resources.

-- $process-message replays: the first outcome of each X-Request-Id, so a retry gets it again and changes nothing.
create table bars_message (
    tenant        text        not null,
    request_id    text        not null,
    body_sha256   text        not null,
    http_status   int         not null,
    response_body text        not null,
    received_at   timestamptz not null,
    primary key (tenant, request_id)
);

-- HL7 v2 ACKs by (tenant|sending application|facility|MSH-10): a retransmission gets the first ACK byte for byte.
create table hl7_ack (
    tenant     text        not null,
    ack_key    text        not null,
    ack        text        not null,
    created_at timestamptz not null default now(),
    primary key (tenant, ack_key)
);

-- Offers of a referral's package to providers; each is also a FHIR Task (profile CareBridge-Offer).
create table brokerage_offer (
    tenant         text        not null,
    offer_id       text        not null,
    referral_id    text        not null,  -- the council's ServiceRequest id
    provider_ref   text        not null,
    status         text        not null,  -- requested | accepted | rejected | cancelled (Task.status)
    offered_at     timestamptz not null,
    answered_at    timestamptz,
    decline_reason text,
    primary key (tenant, offer_id)
);
create index brokerage_offer_referral on brokerage_offer (tenant, referral_id);

-- Response clocks (H:794-804, H:3077-3095) of the council (subject ServiceRequest/<id>) and of each offer
-- (subject Task/<id>, K:3122). Deadlines are fixed when the clock starts; answer times are the KPI figures;
-- *_alerted_at make sure a breach is raised once.
create table referral_clock (
    tenant              text        not null,
    subject_ref         text        not null,
    referral_id         text        not null,
    clock_start         timestamptz not null,
    requested_start     timestamptz,
    priority            text,
    discharge           boolean     not null,
    grade               text,
    acknowledge_by      timestamptz not null,
    respond_by          timestamptz not null,
    acknowledged_at     timestamptz,
    responded_at        timestamptz,
    closed_at           timestamptz,
    ack_alerted_at      timestamptz,
    response_alerted_at timestamptz,
    primary key (tenant, subject_ref)
);
create index referral_clock_open on referral_clock (tenant, acknowledge_by) where closed_at is null;

-- The current hospital stay of each person the ADT feed has told us about.
create table hospital_stay (
    tenant        text        not null,
    nhs_number    text        not null,
    status        text        not null,  -- IN_HOSPITAL | DISCHARGED | ADMISSION_CANCELLED
    admitted_at   timestamptz,
    discharged_at timestamptz,
    suspended     boolean     not null,
    updated_at    timestamptz not null,
    primary key (tenant, nhs_number)
);
create index hospital_stay_in on hospital_stay (tenant, admitted_at) where status = 'IN_HOSPITAL' and not suspended;

-- Outbound notifications (offers, acceptances, withdrawals, suspensions, restarts, responses to hospitals),
-- written in the transaction that caused them; the outbox delivers them.
create table discharge_event (
    id          text        not null primary key,
    tenant      text        not null,
    kind        text        not null,
    recipient   text,
    subject_ref text,
    payload     text,
    created_at  timestamptz not null
);
create index discharge_event_tenant on discharge_event (tenant, created_at);

select carebridge_protect(t) from unnest(array['bars_message','hl7_ack','brokerage_offer','referral_clock',
                                               'hospital_stay','discharge_event']) t;
