/** Rows a column-wise (`unnest`) statement writes at a time. */
export const CHUNK_ROWS = 1000;

/**
 * Writes `rows` a chunk at a time, one after the other (they share the caller's transaction), and
 * answers what every chunk's statement answered, in order.
 */
export async function inChunks<T, R>(rows: readonly T[], write: (chunk: T[]) => Promise<R[]>, size = CHUNK_ROWS): Promise<R[]> {
  const answered: R[] = [];
  for (let i = 0; i < rows.length; i += size) answered.push(...(await write(rows.slice(i, i + size))));
  return answered;
}

/** One field of every row, as the array an `unnest($n::type[])` parameter takes. */
export function column<T, K extends keyof T>(rows: readonly T[], key: K): T[K][] {
  return rows.map((r) => r[key]);
}
