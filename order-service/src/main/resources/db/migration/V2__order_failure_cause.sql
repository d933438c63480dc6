-- who a failed order's failure is down to (FailureCause); null for orders not failed
alter table orders add column failure_cause varchar(16);
