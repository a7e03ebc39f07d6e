import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Turns a row as PostgreSQL returned it (column names, e.g. from `UPDATE … RETURNING *`) into an
 * entity, converting each value the way TypeORM does when it reads one. Saves reading back a row
 * the same statement just wrote.
 */
export function entityFromRow<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = m.dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.databaseName in row)
      column.setEntityValue(entity, m.dataSource.driver.prepareHydratedValue(row[column.databaseName], column));
  }
  return entity;
}
