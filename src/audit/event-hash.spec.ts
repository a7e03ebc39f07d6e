import { diff, eventHash, hashOf, KEYED_HASH, keyedEventHash, LEGACY_HASH, plain, type HashedEventContent } from './event-hash';

const content: HashedEventContent = {
  councilId: 'c1',
  seq: '1',
  resolutionId: 'r1',
  entityType: 'resolution',
  entityId: 'r1',
  action: 'resolution.assign',
  actorId: 'p1',
  at: '2026-03-02T01:00:00.000Z',
  before: { status: 'registered' },
  after: { status: 'assigned', dueAt: '2026-12-31T15:59:59.999Z' },
};

describe('eventHash', () => {
  it('is a SHA-256 in hex, stable for the same content and previous hash', () => {
    expect(eventHash(null, content)).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash('abc', content)).toBe(eventHash('abc', { ...content }));
  });

  it('does not depend on the order of keys (jsonb does not keep it)', () => {
    const reordered = { ...content, after: { dueAt: '2026-12-31T15:59:59.999Z', status: 'assigned' } };
    const keysReversed = Object.fromEntries(Object.entries(reordered).reverse()) as unknown as HashedEventContent;
    expect(eventHash('abc', keysReversed)).toBe(eventHash('abc', content));
  });

  it.each<[string, Partial<HashedEventContent>]>([
    ['the council', { councilId: 'c2' }],
    ['the sequence number', { seq: '2' }],
    ['the resolution', { resolutionId: null }],
    ['the entity type', { entityType: 'meeting' }],
    ['the entity', { entityId: 'r2' }],
    ['the action', { action: 'resolution.accept' }],
    ['the actor', { actorId: null }],
    ['the time', { at: '2026-03-02T01:00:00.001Z' }],
    ['the before state', { before: { status: 'assigned' } }],
    ['a value deep in the after state', { after: { status: 'assigned', dueAt: '2026-12-31T15:59:59.998Z' } }],
  ])('changes when %s changes', (_label, change) => {
    expect(eventHash('abc', { ...content, ...change })).not.toBe(eventHash('abc', content));
  });

  it('chains: another previous hash gives another hash', () => {
    expect(eventHash('abc', content)).not.toBe(eventHash('abd', content));
    expect(eventHash(eventHash(null, content), content)).not.toBe(eventHash(null, content));
  });
});

describe('plain', () => {
  it('turns dates into ISO text and undefined into null, as jsonb stores them', () => {
    expect(plain({ at: new Date('2026-03-02T01:00:00Z'), gone: undefined, list: [1, 'a'] })).toEqual({
      at: '2026-03-02T01:00:00.000Z',
      list: [1, 'a'],
    });
    expect(plain(undefined)).toBeNull();
  });
});

describe('diff', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, { before: Record<string, unknown>; after: Record<string, unknown> }]>([
    ['nothing changed', { a: 1 }, { a: 1 }, { before: {}, after: {} }],
    [
      'one field',
      { status: 'assigned', a: 1 },
      { status: 'in_progress', a: 1 },
      { before: { status: 'assigned' }, after: { status: 'in_progress' } },
    ],
    ['version and updatedAt are not changes', { version: 1, updatedAt: 'x' }, { version: 2, updatedAt: 'y' }, { before: {}, after: {} }],
    [
      'a Date and its ISO text are the same',
      { dueAt: new Date('2026-12-31T15:59:59.999Z') },
      { dueAt: '2026-12-31T15:59:59.999Z' },
      { before: {}, after: {} },
    ],
    ['a key that appears', {}, { ownerId: 'p1' }, { before: { ownerId: null }, after: { ownerId: 'p1' } }],
    ['a key that disappears', { ownerId: 'p1' }, {}, { before: { ownerId: 'p1' }, after: { ownerId: null } }],
    ['arrays compare by content', { ids: ['a', 'b'] }, { ids: ['a', 'b'] }, { before: {}, after: {} }],
    [
      'arrays in another order differ',
      { ids: ['a', 'b'] },
      { ids: ['b', 'a'] },
      { before: { ids: ['a', 'b'] }, after: { ids: ['b', 'a'] } },
    ],
    [
      'objects compare whatever the key order',
      { q: { start: '21:00', end: '08:00' } },
      { q: { end: '08:00', start: '21:00' } },
      { before: {}, after: {} },
    ],
  ])('%s', (_label, before, after, expected) => {
    expect(diff(before, after)).toEqual(expected);
  });
});

describe('keyedEventHash and hashOf', () => {
  const key = 'k'.repeat(16) + 'q7Vd2kR9xLm4Tz8p';

  it('is an HMAC: another key gives another hash, and neither is the unkeyed one', () => {
    const keyed = keyedEventHash(key, 'abc', content);
    expect(keyed).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedEventHash(key, 'abc', { ...content })).toBe(keyed);
    expect(keyedEventHash(`${key}x`, 'abc', content)).not.toBe(keyed);
    expect(eventHash('abc', content)).not.toBe(keyed);
  });

  it('covers the previous hash and the content like version 1', () => {
    expect(keyedEventHash(key, 'abd', content)).not.toBe(keyedEventHash(key, 'abc', content));
    expect(keyedEventHash(key, 'abc', { ...content, action: 'resolution.cancel' })).not.toBe(keyedEventHash(key, 'abc', content));
  });

  it('picks the hash by version, and knows no other version', () => {
    expect(hashOf(KEYED_HASH, key, 'abc', content)).toBe(keyedEventHash(key, 'abc', content));
    expect(hashOf(LEGACY_HASH, key, 'abc', content)).toBe(eventHash('abc', content));
    expect(hashOf(3, key, 'abc', content)).toBeNull();
  });
});
