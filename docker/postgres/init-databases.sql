-- Each service owns its database (ARCHITECTURE.md section 3); one PostgreSQL instance holds them.
create database catalog;
create database inventory;
create database orders;
create database payments;
