-- Up Migration
-- The event catalog: custom event types (`webinar_attended`) declared once with a JSON Schema for their properties;
-- POST /v1/events refuses a custom event whose name is not here or whose properties the schema rejects.
CREATE TABLE event_types (
  name              TEXT PRIMARY KEY,
  description       TEXT,
  properties_schema JSONB NOT NULL,
  declared_by       TEXT,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE event_types;
