-- Change data capture: Debezium reads this publication through its own slot (pgoutput).
-- The publication is created here, by the tables' owner, because the CDC role is not the
-- owner and so cannot create it (the connector runs with publication.autocreate.mode=disabled).
CREATE PUBLICATION fraud_cdc FOR TABLE accounts, cards, merchants, payments
  WITH (publish = 'insert, update, delete');

-- Full before-images: an update or delete then carries every old column, so a reference-table
-- consumer sees what changed, and a payments delete still carries card_id, the message key
-- (with the default identity a delete would only carry the primary key). Payments are
-- insert-only, so this costs nothing on the hot path.
ALTER TABLE accounts REPLICA IDENTITY FULL;
ALTER TABLE cards REPLICA IDENTITY FULL;
ALTER TABLE merchants REPLICA IDENTITY FULL;
ALTER TABLE payments REPLICA IDENTITY FULL;
