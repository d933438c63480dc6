-- available is what can still be reserved; reserved is held for orders not yet committed.
create table stock (
    product_id bigint      primary key,
    available  int         not null check (available >= 0),
    reserved   int         not null default 0 check (reserved >= 0),
    updated_at timestamptz not null default now()
);
