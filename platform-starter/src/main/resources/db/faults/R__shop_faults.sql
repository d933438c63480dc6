-- The fault engine's tables, in every service with a database (FaultTable): the faults switched on
-- for the service, read by each of its replicas every second, and which replica has which on.
-- Repeatable (Flyway runs it again whenever it changes), so every statement must be idempotent.
create table if not exists shop_fault (
    id varchar(64) primary key,
    kind varchar(32) not null,
    point varchar(128) not null,
    probability double precision not null,
    duration varchar(32) not null,
    jitter varchar(32) not null,
    started_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    note text not null
);

create table if not exists shop_fault_instance (
    instance varchar(255) not null,
    fault_id varchar(64) not null,
    seen_at timestamp with time zone not null,
    primary key (instance, fault_id)
);
