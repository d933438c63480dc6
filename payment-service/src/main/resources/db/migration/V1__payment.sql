-- One payment per order: order_id is unique, so concurrent charge requests end with one row.
-- customer_id, amount_cents and currency are null only for a tombstone (cancelled before any charge).
create table payment (
    id                 uuid         primary key,
    order_id           uuid         not null unique,
    customer_id        varchar(64),
    amount_cents       bigint       check (amount_cents > 0),
    currency           char(3),
    status             varchar(16)  not null check (status in ('PENDING', 'CAPTURED', 'DECLINED', 'FAILED')),
    provider_charge_id varchar(100),
    decline_code       varchar(64),
    failure_reason     varchar(500),
    attempts           int          not null default 0,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    version            bigint       not null default 0
);

-- Every call to the provider, for audits and for "why did this payment take so long?"
create table payment_attempt (
    id           bigint       generated always as identity primary key,
    payment_id   uuid         not null references payment (id),
    attempt_no   int          not null,
    outcome      varchar(20)  not null,
    http_status  int,
    error        varchar(500),
    duration_ms  bigint       not null,
    at           timestamptz  not null
);

create index payment_attempt_payment_idx on payment_attempt (payment_id, attempt_no);
