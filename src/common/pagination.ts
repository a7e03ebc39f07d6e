import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, isUUID, Max, MaxLength, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { invalid } from './domain-error';
import { isInstantText } from './time-text';

/**
 * What each element of a cursor's key must be: `text` any string or number, `instant` an ISO instant
 * in UTC (or ±infinity, for null deadlines sorted last), `uuid` a row id. Checking the shape turns a forged or
 * damaged cursor into a 400 naming `cursor`, instead of a database error on a bad cast.
 */
export type CursorKind = 'text' | 'instant' | 'uuid';

function fitsKind(value: unknown, kind: CursorKind): boolean {
  if (kind === 'uuid') return typeof value === 'string' && isUUID(value);
  // The API writes instants into cursors in UTC (`…Z`); PostgreSQL refuses offsets past ±15:59.
  if (kind === 'instant')
    return typeof value === 'string' && (value === 'infinity' || value === '-infinity' || (isInstantText(value) && value.endsWith('Z')));
  return (typeof value === 'string' && value.length <= 1000) || (typeof value === 'number' && Number.isFinite(value));
}

/** Every list sorts by some key and then the row id. */
const defaultKinds = (arity: number): CursorKind[] => [...Array<CursorKind>(Math.max(arity - 1, 0)).fill('text'), 'uuid'];

function readCursor(cursor: string, kinds: CursorKind[]): unknown[] | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === kinds.length && parsed.every((v, i) => fitsKind(v, kinds[i])))
      return parsed as unknown[];
  } catch {
    // not base64url JSON
  }
  return null;
}

/** A cursor this API could have returned for a list keyed by `kinds` (default: any text key, then a UUID). */
export function IsCursor(kinds?: CursorKind[], options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isCursor',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && readCursor(value, kinds ?? defaultKinds(2)) !== null,
        defaultMessage: (a) => `${a?.property} is not a cursor this list returned`,
      },
    },
    options,
  );
}

export class PageQuery {
  /** Page size, 1..200. */
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  /** The `nextCursor` of the previous page. Room for a key of 200 Chinese characters (600 bytes before base64). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsCursor()
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cursors are opaque to clients: base64url JSON of the last row's sort key and id. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number, kinds: CursorKind[] = defaultKinds(arity)): unknown[] | null {
  if (!cursor) return null;
  const key = kinds.length === arity ? readCursor(cursor, kinds) : null;
  if (key) return key;
  throw invalid('cursor', 'is not a cursor this list returned', 'isCursor');
}

/** Builds a page from rows fetched with limit + 1. */
export function toPage<R, T>(rows: R[], limit: number, key: (row: R) => unknown[], map: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return { items: slice.map(map), nextCursor: more ? encodeCursor(key(slice[slice.length - 1])) : null };
}
