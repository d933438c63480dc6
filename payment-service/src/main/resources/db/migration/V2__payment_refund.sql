-- A captured payment given back (the order was paid but could not be fulfilled): REFUNDED is final,
-- reached only from CAPTURED, and carries the provider's refund id and when it was refunded.
alter table payment drop constraint payment_status_check;
alter table payment add constraint payment_status_check
    check (status in ('PENDING', 'CAPTURED', 'DECLINED', 'FAILED', 'REFUNDED'));

alter table payment add column provider_refund_id varchar(100);
alter table payment add column refunded_at timestamptz;

alter table payment add constraint payment_refund_recorded_check
    check (status <> 'REFUNDED' or (provider_refund_id is not null and refunded_at is not null));
