import { DomainError } from './domain-error';
import { decodeCursor, encodeCursor, type CursorKind } from './pagination';

const ID = '6f1c2a1e-9a4b-4c1d-8e2f-0a1b2c3d4e5f';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cursors', () => {
  it.each<[string, unknown[], CursorKind[] | undefined]>([
    ['a name and an id', ['联席会议办公室', ID], undefined],
    ['an instant with microseconds and an id', ['2026-03-02T01:00:00.123456Z', ID], ['instant', 'uuid']],
    ['infinity for an item without a deadline', ['infinity', ID], ['instant', 'uuid']],
    ['-infinity', ['-infinity', ID], ['instant', 'uuid']],
    ['a number key', [3, ID], undefined],
  ])('what the list returned comes back: %s', (_label, key, kinds) => {
    expect(decodeCursor(encodeCursor(key), 2, kinds)).toEqual(key);
  });

  it('no cursor is the first page', () => {
    expect([decodeCursor(undefined, 2), decodeCursor('', 2)]).toEqual([null, null]);
  });

  it.each<[string, string, CursorKind[] | undefined]>([
    ['not base64 JSON', '%%%', undefined],
    ['JSON that is not a list', b64({ a: 1 }), undefined],
    ['the wrong length', b64([ID]), undefined],
    ['an id that is not a UUID', b64(['a', 'b']), undefined],
    ['an object as a key', b64([{}, ID]), undefined],
    ['null as a key', b64([null, ID]), undefined],
    ['a word where an instant belongs', b64(['yesterday', ID]), ['instant', 'uuid']],
    ['an instant without an offset', b64(['2026-03-02T01:00:00', ID]), ['instant', 'uuid']],
    ['kinds that do not match the arity', b64(['a', ID]), ['uuid']],
  ])('refuses %s with a 400 naming cursor', (_label, cursor, kinds) => {
    let error: unknown;
    try {
      decodeCursor(cursor, 2, kinds);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'invalid', details: [{ field: 'cursor' }] });
  });
});
