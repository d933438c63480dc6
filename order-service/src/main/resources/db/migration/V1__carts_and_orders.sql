create table cart (
    id          uuid primary key,
    customer_id varchar(64) not null,
    status      varchar(16) not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null
);

create table cart_item (
    cart_id          uuid    not null references cart (id),
    product_id       bigint  not null,
    quantity         int     not null check (quantity between 1 and 100),
    unit_price_cents bigint  not null,
    currency         char(3) not null,
    primary key (cart_id, product_id)
);

create table orders (
    id              uuid primary key,
    customer_id     varchar(64) not null,
    cart_id         uuid        not null references cart (id),
    idempotency_key varchar(100),
    status          varchar(16) not null,
    step            varchar(32) not null,
    total_cents     bigint      not null,
    currency        char(3)     not null,
    failure_reason  varchar(300),
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null,
    unique (customer_id, idempotency_key)
);

-- the reconciler scans pending orders by age
create index orders_pending_idx on orders (updated_at) where status = 'PENDING';

create table order_item (
    order_id         uuid   not null references orders (id),
    product_id       bigint not null,
    quantity         int    not null,
    unit_price_cents bigint not null,
    primary key (order_id, product_id)
);

create table order_status_change (
    id       bigserial primary key,
    order_id uuid        not null references orders (id),
    status   varchar(16) not null,
    step     varchar(32) not null,
    reason   varchar(300),
    at       timestamptz not null
);

create index order_status_change_order_idx on order_status_change (order_id, id);
