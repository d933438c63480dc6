create table product (
    id          bigint primary key,
    sku         varchar(32)  not null unique,
    name        varchar(200) not null,
    category    varchar(40)  not null,
    description varchar(1000) not null,
    price_cents bigint       not null check (price_cents > 0),
    currency    char(3)      not null
);

create index product_category_idx on product (category, id);
