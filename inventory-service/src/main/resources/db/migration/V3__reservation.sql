create table reservation (
    order_id   uuid        primary key,
    status     varchar(16) not null check (status in ('ACTIVE', 'COMMITTED', 'RELEASED', 'EXPIRED')),
    expires_at timestamptz not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- The sweeper only looks at active reservations by expiry.
create index reservation_active_expiry_idx on reservation (expires_at) where status = 'ACTIVE';

create table reservation_line (
    order_id   uuid   not null references reservation (order_id),
    product_id bigint not null references stock (product_id),
    quantity   int    not null check (quantity between 1 and 100),
    primary key (order_id, product_id)
);
