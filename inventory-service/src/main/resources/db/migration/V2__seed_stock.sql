-- Stock for the catalogue's 2,400 products: deterministic, varied quantities (20..199).
insert into stock (product_id, available, reserved)
select id, 20 + (id * 37 % 180), 0
from generate_series(1, 2400) as id;
