-- Payments as received by payments-api. Rows are written once (insert-only): the fraud score
-- lives in payment_scores, so scoring never produces a second CDC event on the payments topic
-- that the topology would have to tell apart from a new payment.
CREATE TABLE payments (
  id                 uuid        PRIMARY KEY,
  card_id            uuid        NOT NULL REFERENCES cards (id),
  -- Copied from the card at write time: the topology keys by card and aggregates per account
  -- without a join, and the token travels in every event instead of the PAN.
  account_id         uuid        NOT NULL REFERENCES accounts (id),
  card_token         text        NOT NULL,
  card_last4         char(4)     NOT NULL CHECK (card_last4 ~ '^[0-9]{4}$'),
  merchant_id        uuid        NOT NULL REFERENCES merchants (id),
  amount_minor       bigint      NOT NULL CHECK (amount_minor > 0),
  currency           char(3)     NOT NULL REFERENCES currencies (code),
  channel            text        NOT NULL CHECK (channel IN ('card_present', 'online')),
  -- Where the payment happens: the terminal's country, or the IP's for online payments.
  country            char(2)     NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  device_fingerprint text        CHECK (length(device_fingerprint) <= 128),
  ip_address         inet,
  lat                double precision CHECK (lat BETWEEN -90 AND 90),
  lon                double precision CHECK (lon BETWEEN -180 AND 180),
  -- The client's Idempotency-Key and a hash of the request it came with: a retry with the
  -- same key gets the first answer; the same key with another body is refused.
  idempotency_key    text        CHECK (length(idempotency_key) <= 255),
  request_hash       text,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX payments_idempotency_key ON payments (idempotency_key)
  WHERE idempotency_key IS NOT NULL;
-- No secondary index on card_id: nothing here reads payments by card (the topology reads the
-- CDC topic), and random-key index inserts cost about a third of the ingest throughput.

-- Written by the scoring side (alerts issue); deliberately left out of the CDC publication.
CREATE TABLE payment_scores (
  payment_id    uuid        PRIMARY KEY REFERENCES payments (id),
  score         real        NOT NULL CHECK (score BETWEEN 0 AND 1),
  decision      text        NOT NULL CHECK (decision IN ('approve', 'review', 'decline')),
  model_version text        NOT NULL,
  scored_at     timestamptz NOT NULL DEFAULT now()
);
