-- The alerts read model and the analysts' case workflow. These tables live in the service's own
-- schema (the service sets search_path to "<schema>, public"), so their names and migration
-- history never clash with payments'. Names stay unqualified for the same reason.

-- One row per FraudAlert (keyed by its stable alert id), plus the workflow state.
CREATE TABLE alerts (
  alert_id      uuid             PRIMARY KEY,
  payment_id    uuid             NOT NULL,
  card_id       uuid             NOT NULL,
  account_id    uuid             NOT NULL,
  merchant_id   uuid             NOT NULL,
  card_last4    text             NOT NULL,
  amount_minor  bigint           NOT NULL,
  currency      text             NOT NULL,
  amount_eur    double precision NOT NULL,
  channel       text             NOT NULL,
  country       text             NOT NULL,
  mcc           text,
  event_time    timestamptz      NOT NULL,
  processed_at  timestamptz      NOT NULL,
  score         double precision NOT NULL CHECK (score BETWEEN 0 AND 1),
  decision      text             NOT NULL,
  model_version text             NOT NULL,
  -- {name: value}: the model input, shown to analysts as is.
  features      jsonb            NOT NULL,
  -- [{code, value, contribution}], largest contribution first.
  reasons       jsonb            NOT NULL,
  status        text             NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'acknowledged', 'assigned', 'resolved')),
  assignee      text,
  resolution    text             CHECK (resolution IN ('confirmed_fraud', 'false_positive')),
  -- When the alert reached this store: "arrival − event time" is the end-to-end latency.
  created_at    timestamptz      NOT NULL DEFAULT now(),
  updated_at    timestamptz      NOT NULL DEFAULT now(),
  CHECK ((status = 'resolved') = (resolution IS NOT NULL)),
  CHECK (status <> 'assigned' OR assignee IS NOT NULL)
);
-- The list is ordered by (event_time, alert_id) descending and paged by that key; each filter
-- that can be selective gets an index leading with it, so a page is one backward index scan.
CREATE INDEX alerts_by_time ON alerts (event_time, alert_id);
CREATE INDEX alerts_by_status ON alerts (status, event_time, alert_id);
CREATE INDEX alerts_by_card ON alerts (card_id, event_time, alert_id);
CREATE INDEX alerts_by_merchant ON alerts (merchant_id, event_time, alert_id);
-- Stats windows are on arrival time.
CREATE INDEX alerts_by_arrival ON alerts (created_at);

-- The queue by status, kept by statement triggers: counting a million rows on every dashboard
-- refresh would cost a second. Counter rows are updated in a fixed (alphabetical) order, so
-- concurrent writers queue behind each other instead of deadlocking.
CREATE TABLE alert_status_counts (
  status text   PRIMARY KEY,
  n      bigint NOT NULL
);
INSERT INTO alert_status_counts (status, n)
VALUES ('open', 0), ('acknowledged', 0), ('assigned', 0), ('resolved', 0);

-- Adds per-status deltas ({"open": 3, ...}), locking the counter rows in a fixed order first.
CREATE FUNCTION add_to_status_counts(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  SELECT 1 FROM alert_status_counts WHERE deltas ? status ORDER BY status FOR UPDATE;
  UPDATE alert_status_counts SET n = n + (deltas ->> status)::bigint WHERE deltas ? status;
$$;

-- Transition tables exist per event (no old_rows on INSERT): one trigger function each.
CREATE FUNCTION count_inserted_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM add_to_status_counts((SELECT jsonb_object_agg(status, n)
                                  FROM (SELECT status, count(*) AS n FROM new_rows
                                         GROUP BY status) c));
  RETURN NULL;
END
$$;
CREATE FUNCTION count_updated_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM add_to_status_counts((SELECT jsonb_object_agg(status, n)
                                  FROM (SELECT status, sum(d) AS n
                                          FROM (SELECT status, 1 AS d FROM new_rows
                                                UNION ALL
                                                SELECT status, -1 FROM old_rows) u
                                         GROUP BY status HAVING sum(d) <> 0) c));
  RETURN NULL;
END
$$;
CREATE FUNCTION count_deleted_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM add_to_status_counts((SELECT jsonb_object_agg(status, -n)
                                  FROM (SELECT status, count(*) AS n FROM old_rows
                                         GROUP BY status) c));
  RETURN NULL;
END
$$;
CREATE TRIGGER alerts_counted_on_insert AFTER INSERT ON alerts
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION count_inserted_alerts();
CREATE TRIGGER alerts_counted_on_update AFTER UPDATE ON alerts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION count_updated_alerts();
CREATE TRIGGER alerts_counted_on_delete AFTER DELETE ON alerts
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION count_deleted_alerts();

-- Who did what when. Append-only.
CREATE TABLE alert_audit (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id    uuid        NOT NULL REFERENCES alerts (alert_id),
  actor       text        NOT NULL,
  action      text        NOT NULL CHECK (action IN ('acknowledge', 'assign', 'resolve')),
  from_status text        NOT NULL,
  to_status   text        NOT NULL,
  assignee    text,
  resolution  text,
  comment     text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_audit_by_alert ON alert_audit (alert_id, id);

-- The live stream's log: new alerts and status changes. seq is the SSE event id; writers take
-- an advisory lock before drawing it (see event-log.ts), so seq order is commit order and a
-- client resuming after id N can never miss an event that committed later with a smaller id.
CREATE TABLE alert_events (
  seq        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id   uuid        NOT NULL,
  type       text        NOT NULL CHECK (type IN ('alert', 'alert-updated')),
  payload    jsonb       NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_events_by_time ON alert_events (created_at);

-- Where each consumed partition continues: written in the same transaction as the rows the
-- records produced, so the read model is exactly-once whatever the consumer group committed.
CREATE TABLE consumer_offsets (
  topic       text        NOT NULL,
  partition   integer     NOT NULL,
  next_offset bigint      NOT NULL CHECK (next_offset >= 0),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, partition)
);

-- Recent scored payments (all of them, not only alerts): a card's history next to an alert, its
-- latest feature vector, and the score distribution. Pruned by arrival time.
CREATE TABLE scored_payments (
  payment_id       uuid               PRIMARY KEY,
  card_id          uuid               NOT NULL,
  account_id       uuid               NOT NULL,
  merchant_id      uuid               NOT NULL,
  card_last4       text               NOT NULL,
  amount_minor     bigint             NOT NULL,
  currency         text               NOT NULL,
  amount_eur       double precision   NOT NULL,
  channel          text               NOT NULL,
  country          text               NOT NULL,
  merchant_country text,
  mcc              text,
  event_time       timestamptz        NOT NULL,
  processed_at     timestamptz        NOT NULL,
  feature_set      text               NOT NULL,
  features         double precision[] NOT NULL,
  model_version    text               NOT NULL,
  score            double precision   NOT NULL CHECK (score BETWEEN 0 AND 1),
  decision         text               NOT NULL,
  created_at       timestamptz        NOT NULL DEFAULT now()
);
CREATE INDEX scored_payments_by_card ON scored_payments (card_id, event_time);
CREATE INDEX scored_payments_by_arrival ON scored_payments (created_at);

-- Transactional outbox of analyst decisions: written with the decision, published to
-- fraud.labels by label-publisher.ts, then marked. A decision and its label never diverge.
CREATE TABLE label_outbox (
  id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id     uuid        NOT NULL REFERENCES alerts (alert_id),
  payment_id   uuid        NOT NULL,
  label        jsonb       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX label_outbox_pending ON label_outbox (id) WHERE published_at IS NULL;
CREATE INDEX label_outbox_by_alert ON label_outbox (alert_id);
