import type { Pool } from 'pg';

/** A custom event type of the catalog: its name and the JSON Schema its properties must match. */
export interface EventTypeRecord {
  name: string;
  description: string | null;
  propertiesSchema: Record<string, unknown>;
  declaredBy: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = {
  name: string;
  description: string | null;
  properties_schema: Record<string, unknown>;
  declared_by: string | null;
  created_at: Date;
  updated_at: Date;
};

const toRecord = (r: Row): EventTypeRecord => ({
  name: r.name,
  description: r.description,
  propertiesSchema: r.properties_schema,
  declaredBy: r.declared_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** SQL of the event catalog (event_types). */
export class EventTypeStore {
  constructor(private readonly pool: Pool) {}

  /** Declares or redeclares a type; `created` tells which. */
  async put(t: {
    name: string;
    description: string | null;
    propertiesSchema: Record<string, unknown>;
    declaredBy: string | null;
  }): Promise<{ record: EventTypeRecord; created: boolean }> {
    const res = await this.pool.query<Row & { created: boolean }>(
      `INSERT INTO event_types (name, description, properties_schema, declared_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description,
         properties_schema = EXCLUDED.properties_schema, declared_by = EXCLUDED.declared_by, updated_at = now()
       RETURNING *, (xmax = 0) AS created`,
      [t.name, t.description, JSON.stringify(t.propertiesSchema), t.declaredBy],
    );
    const row = res.rows[0]!;
    return { record: toRecord(row), created: row.created };
  }

  async get(name: string): Promise<EventTypeRecord | null> {
    const res = await this.pool.query<Row>('SELECT * FROM event_types WHERE name = $1', [name]);
    return res.rows[0] ? toRecord(res.rows[0]) : null;
  }

  async list(): Promise<EventTypeRecord[]> {
    const res = await this.pool.query<Row>('SELECT * FROM event_types ORDER BY name');
    return res.rows.map(toRecord);
  }
}
