import type { Pool } from 'pg';

/** A page of a list kept oldest first: at most `limit` rows after the row whose id is `after` (absent: the first). */
export interface CreationOrderPage {
  limit: number;
  after?: string;
}

/** The rows of one page, and the cursor to pass for the next (null: there is none). */
export interface PageOf<T, Cursor = string> {
  items: T[];
  next: Cursor | null;
}

/**
 * A page from the rows of a query asked for `limit + 1`: the extra row only says that a next page exists (known, not
 * guessed from a full page), and the next page starts after the last item kept.
 */
export function pageFromRows<T, Cursor>(
  rows: readonly T[],
  limit: number,
  cursorOf: (item: T) => Cursor,
): PageOf<T, Cursor> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/** A table listed in creation order: its name, id column and the columns a page selects (all constants of ours). */
export interface CreationOrderedTable {
  table: string;
  idColumn: string;
  columns?: string;
}

/**
 * One page of a table in (created_at, id) order (indexed, migration 1056), keyset-paged from the row `after` names, so
 * a late page costs what the first does and no row is repeated. A row created during a walk comes at its end; one
 * whose transaction began before the walk's last page and committed after it (created_at is its transaction's start)
 * sorts before that page and is not seen by this walk. `where` filters with $1…$n of
 * `params`. Null when `after` names no row of the table (not an id this list handed out, or one deleted since): the
 * caller refuses it rather than answer an empty page that reads as "no more".
 */
export async function pageInCreationOrder<Row extends object>(
  pool: Pool,
  { table, idColumn, columns = '*' }: CreationOrderedTable,
  page: CreationOrderPage,
  filter: { where: string; params: unknown[] } = { where: 'TRUE', params: [] },
): Promise<PageOf<Row> | null> {
  const after = filter.params.length + 1;
  const { rows } = await pool.query<Row>(
    `SELECT ${columns} FROM ${table} t
      WHERE (${filter.where})
        AND ($${after}::text IS NULL
             OR (t.created_at, t.${idColumn}) > (SELECT created_at, ${idColumn} FROM ${table} WHERE ${idColumn} = $${after}))
      ORDER BY t.created_at, t.${idColumn}
      LIMIT $${after + 1}`,
    [...filter.params, page.after ?? null, page.limit + 1],
  );
  if (rows.length === 0 && page.after !== undefined) {
    const known = await pool.query(`SELECT 1 FROM ${table} WHERE ${idColumn} = $1`, [page.after]);
    if (known.rowCount === 0) return null;
  }
  return pageFromRows(rows, page.limit, (row) => String((row as Record<string, unknown>)[idColumn]));
}
