import type { Pool } from 'pg';
import type { AttributeType } from '../contracts/customer-attributes';

/** A custom attribute of the catalog, declared once with its type. */
export interface AttributeTypeRecord {
  name: string;
  type: AttributeType;
  description: string | null;
  declaredBy: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = {
  name: string;
  type: AttributeType;
  description: string | null;
  declared_by: string | null;
  created_at: Date;
  updated_at: Date;
};

const toRecord = (r: Row): AttributeTypeRecord => ({
  name: r.name,
  type: r.type,
  description: r.description,
  declaredBy: r.declared_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** SQL of the attribute catalog (attribute_types). */
export class AttributeTypeStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Declares a type, or redescribes one declared with the same type. Null when the name is declared with another
   * type (the row is left alone: stored values were checked against the type it has).
   */
  async put(t: {
    name: string;
    type: AttributeType;
    description: string | null;
    declaredBy: string | null;
  }): Promise<AttributeTypeRecord | null> {
    const res = await this.pool.query<Row>(
      `INSERT INTO attribute_types (name, type, description, declared_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description, declared_by = EXCLUDED.declared_by,
         updated_at = now()
       WHERE attribute_types.type = EXCLUDED.type
       RETURNING *`,
      [t.name, t.type, t.description, t.declaredBy],
    );
    return res.rows[0] ? toRecord(res.rows[0]) : null;
  }

  async get(name: string): Promise<AttributeTypeRecord | null> {
    const res = await this.pool.query<Row>('SELECT * FROM attribute_types WHERE name = $1', [name]);
    return res.rows[0] ? toRecord(res.rows[0]) : null;
  }

  async list(): Promise<AttributeTypeRecord[]> {
    const res = await this.pool.query<Row>('SELECT * FROM attribute_types ORDER BY name');
    return res.rows.map(toRecord);
  }
}
