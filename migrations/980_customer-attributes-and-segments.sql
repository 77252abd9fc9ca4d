-- Up Migration
-- Customer profiles and audiences. Attributes are typed values a marketer segments on (birthday, region, tags and
-- custom ones declared once in attribute_types); they are not contact data, which stays sealed in its own columns.

-- Custom attributes declared once (PUT /v1/attribute-types/{name}); the built-in ones live in code. A declared type
-- never changes (stored values were checked against it).
CREATE TABLE attribute_types (
  name        TEXT PRIMARY KEY,
  type        TEXT NOT NULL CHECK (type IN ('string', 'number', 'boolean', 'date', 'string-list')),
  description TEXT,
  declared_by TEXT,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One object per customer, name → typed value; wiped on erasure (a birthday is personal).
ALTER TABLE customers ADD COLUMN attributes JSONB NOT NULL DEFAULT '{}'::jsonb;
-- Segment comparisons eq / contains / in on attributes compile to containment (@>), which this index answers.
CREATE INDEX customers_attributes_idx ON customers USING gin (attributes jsonb_path_ops);
-- Birthday helpers (month N, within N days) compile to a list of 'MM-DD' days matched against this expression.
CREATE INDEX customers_birthday_day_idx ON customers ((substr(attributes ->> 'birthday', 6, 5)))
  WHERE attributes ? 'birthday';

-- Saved audiences: a filter tree over attributes and facts (validated and compiled by the API, stored as given).
CREATE TABLE segments (
  segment_id TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  filter     JSONB NOT NULL,
  created_by TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE segments;
DROP INDEX customers_birthday_day_idx;
DROP INDEX customers_attributes_idx;
ALTER TABLE customers DROP COLUMN attributes;
DROP TABLE attribute_types;
