import { getTableColumns, getTableName, sql, type SQL, type SQLChunk } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../env";

/**
 * D1 has no interactive transactions: a transition is one atomic `db.batch`, whose first
 * statement is a compare-and-swap that also stamps the row with a fresh transition id. Every
 * later statement is guarded by `transitionApplied(...)`, so a batch whose CAS matched nothing
 * (a lost race) writes nothing at all. (A timestamp is no such proof: two requests in one
 * millisecond write the same one, and the loser's statements would pass.)
 */
export function transitionApplied(
  table: "applications" | "memberships" | "agencies" | "users",
  id: string,
  transitionId: string,
): SQL {
  return sql`EXISTS (SELECT 1 FROM ${sql.identifier(table)} WHERE id = ${id} AND transition_id = ${transitionId})`;
}

/**
 * `INSERT INTO table (...) SELECT ... WHERE <guard>`: inserts the row only when the guard holds.
 * `ignoreConflict` adds `ON CONFLICT DO NOTHING` (a unique index decides who wins).
 */
export function insertWhere<T extends SQLiteTable>(
  db: Db,
  table: T,
  values: Partial<T["$inferInsert"]>,
  guard: SQL,
  options: { ignoreConflict?: boolean } = {},
) {
  const columns = getTableColumns(table);
  const names: SQLChunk[] = [];
  const params: SQL[] = [];
  for (const [key, value] of Object.entries(values)) {
    const column = columns[key];
    if (!column || value === undefined) continue;
    names.push(sql.identifier(column.name));
    params.push(sql`${column.mapToDriverValue(value)}`);
  }
  return db.run(
    sql`INSERT INTO ${sql.identifier(getTableName(table))} (${sql.join(names, sql`, `)}) SELECT ${sql.join(params, sql`, `)} WHERE ${guard}${options.ignoreConflict ? sql` ON CONFLICT DO NOTHING` : sql``}`,
  );
}

export type Statement = BatchItem<"sqlite">;

function toD1Statement(d1: D1Database, item: Statement): D1PreparedStatement {
  // drizzle's own batch cannot bind parameters of raw `db.run(sql)` items (its prepared form
  // has no statement), so every item is compiled to SQL here and bound directly.
  const query =
    "toSQL" in item && typeof item.toSQL === "function"
      ? item.toSQL()
      : (item as unknown as { getQuery(): { sql: string; params: unknown[] } }).getQuery();
  return d1.prepare(query.sql).bind(...query.params);
}

/**
 * Runs statements as one atomic D1 batch. Each result is the statement's rows (for
 * `RETURNING`), in order; an empty array for a CAS means it matched nothing.
 */
export async function runBatch(db: Db, statements: Statement[]): Promise<unknown[][]> {
  if (statements.length === 0) return [];
  const d1 = db.$client as D1Database;
  const results = await d1.batch(statements.map((s) => toD1Statement(d1, s)));
  return results.map((r) => r.results ?? []);
}
