-- Reference data of the payments domain: currencies, accounts, cards, merchants.
-- Ids are UUIDs chosen by the writer (the API or the seed), so a retried write can reuse them.

-- ISO 4217 currencies the platform accepts. Amounts are integers in minor units, and the
-- exponent differs per currency (JPY 0, EUR 2, KWD 3), so it has to live next to the code.
CREATE TABLE currencies (
  code        char(3)  PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
  minor_units smallint NOT NULL CHECK (minor_units BETWEEN 0 AND 4),
  name        text     NOT NULL
);

INSERT INTO currencies (code, minor_units, name) VALUES
  ('AED', 2, 'UAE dirham'), ('ARS', 2, 'Argentine peso'), ('AUD', 2, 'Australian dollar'),
  ('BRL', 2, 'Brazilian real'), ('CAD', 2, 'Canadian dollar'), ('CHF', 2, 'Swiss franc'),
  ('CLP', 0, 'Chilean peso'), ('CNY', 2, 'Chinese yuan'), ('COP', 2, 'Colombian peso'),
  ('CZK', 2, 'Czech koruna'), ('DKK', 2, 'Danish krone'), ('EGP', 2, 'Egyptian pound'),
  ('EUR', 2, 'Euro'), ('GBP', 2, 'Pound sterling'), ('HKD', 2, 'Hong Kong dollar'),
  ('HUF', 2, 'Hungarian forint'), ('IDR', 2, 'Indonesian rupiah'), ('ILS', 2, 'Israeli shekel'),
  ('INR', 2, 'Indian rupee'), ('JPY', 0, 'Japanese yen'), ('KES', 2, 'Kenyan shilling'),
  ('KRW', 0, 'South Korean won'), ('KWD', 3, 'Kuwaiti dinar'), ('MXN', 2, 'Mexican peso'),
  ('MYR', 2, 'Malaysian ringgit'), ('NGN', 2, 'Nigerian naira'), ('NOK', 2, 'Norwegian krone'),
  ('NZD', 2, 'New Zealand dollar'), ('PHP', 2, 'Philippine peso'), ('PLN', 2, 'Polish zloty'),
  ('RON', 2, 'Romanian leu'), ('SAR', 2, 'Saudi riyal'), ('SEK', 2, 'Swedish krona'),
  ('SGD', 2, 'Singapore dollar'), ('THB', 2, 'Thai baht'), ('TRY', 2, 'Turkish lira'),
  ('TWD', 2, 'New Taiwan dollar'), ('UAH', 2, 'Ukrainian hryvnia'), ('USD', 2, 'US dollar'),
  ('VND', 0, 'Vietnamese dong'), ('ZAR', 2, 'South African rand');

-- Keeps updated_at honest whoever writes the row (API, seed or an operator's psql).
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

CREATE TABLE accounts (
  id          uuid        PRIMARY KEY,
  holder_name text        NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 200),
  country     char(2)     NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  -- Home location: distance from home is one of the strongest card-fraud signals.
  home_lat    double precision CHECK (home_lat BETWEEN -90 AND 90),
  home_lon    double precision CHECK (home_lon BETWEEN -180 AND 180),
  status      text        NOT NULL DEFAULT 'active'
              CHECK (status IN ('active', 'suspended', 'closed')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- A card is known by its PAN token (keyed HMAC of the number) and last four digits only:
-- the clear PAN never reaches the database, so it cannot reach the CDC topics either.
CREATE TABLE cards (
  id             uuid        PRIMARY KEY,
  account_id     uuid        NOT NULL REFERENCES accounts (id),
  pan_token      text        NOT NULL UNIQUE,
  last4          char(4)     NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  brand          text        NOT NULL
                 CHECK (brand IN ('visa', 'mastercard', 'amex', 'discover', 'other')),
  expiry_month   smallint    NOT NULL CHECK (expiry_month BETWEEN 1 AND 12),
  expiry_year    smallint    NOT NULL CHECK (expiry_year BETWEEN 2000 AND 2100),
  issuer_country char(2)     NOT NULL CHECK (issuer_country ~ '^[A-Z]{2}$'),
  status         text        NOT NULL DEFAULT 'active'
                 CHECK (status IN ('active', 'blocked', 'expired')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cards_account_id ON cards (account_id);
CREATE TRIGGER cards_touch BEFORE UPDATE ON cards
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE merchants (
  id         uuid        PRIMARY KEY,
  name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- ISO 18245 merchant category code: four digits, kept as text to keep leading zeros.
  mcc        char(4)     NOT NULL CHECK (mcc ~ '^[0-9]{4}$'),
  country    char(2)     NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  city       text        CHECK (length(city) <= 100),
  lat        double precision CHECK (lat BETWEEN -90 AND 90),
  lon        double precision CHECK (lon BETWEEN -180 AND 180),
  status     text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER merchants_touch BEFORE UPDATE ON merchants
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
