import { join } from 'node:path';

/**
 * Every entity, found by file name for the app and the TypeORM CLI alike: any `<name>.entity.ts` under src
 * (or `.js` once built). A pattern rather than a list of imports, so that database/ depends on no
 * feature (features depend on database/ for BaseRecord and the row helpers). An entity in a file not
 * named `*.entity.ts` is not found: TypeORM then says "No metadata for …" at the first query.
 */
export const ENTITIES = [join(__dirname, '..', '**', '*.entity.{ts,js}')];
