import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { QueryLogger } from './query-logger';
import { ENTITIES } from './entities';
import { loadConfig } from '../config/env';

/** One definition of the database connection, shared by the app, the migration runner and the CLI. */
export function dataSourceOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // Never TypeORM's console loggers: they print a failed query's parameters (password hashes).
    logger: new QueryLogger(),
    logging: ['error', 'warn'],
    extra: { max: poolSize },
  };
}

/** Used by the TypeORM CLI (`npm run migration:generate`). */
export default new DataSource(dataSourceOptions(loadConfig().databaseUrl));
