import type { Pool, QueryResultRow } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Runs a statement as a named prepared statement straight on the connection pool: each connection
 * parses and plans it once, then only binds and runs it (PostgreSQL keeps a generic plan once it sees
 * that it does as well as a fresh one). For the few statements run thousands of times a second (the
 * delivery claim and settle), the parsing and planning cost more than the work itself. A manager bound
 * to a query runner (a transaction) runs it as an ordinary query on that runner's connection.
 *
 * `name` must be unique per statement text: a connection answers a name with the text it first saw.
 */
export async function preparedQuery<T extends QueryResultRow>(
  m: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<{ rows: T[]; rowCount: number }> {
  if (m.queryRunner) {
    const result = await m.queryRunner.query(text, values, true);
    return { rows: result.records as T[], rowCount: result.affected ?? 0 };
  }
  const pool = (m.connection.driver as unknown as { master: Pool }).master;
  const result = await pool.query<T>({ name, text, values });
  return { rows: result.rows, rowCount: result.rowCount ?? 0 };
}
