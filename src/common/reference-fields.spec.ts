import { namingReferences, referenceError } from './reference-fields';

const ID = '00000000-0000-4000-8000-00000000dead';
const missing = (constraint: string | undefined, column: string, table: string) => ({
  code: '23503',
  constraint,
  detail: `Key (${column})=(${ID}) is not present in table "${table}".`,
});

describe('referenceError: a foreign key violation as the client sees it', () => {
  it.each([
    ['a key whose API field is the column', missing('fk_resolutions_owner_id', 'owner_id', 'people'), 'ownerId', 'person'],
    [
      'a key whose API field differs from the column',
      missing('fk_council_members_organization_id', 'organization_id', 'organizations'),
      'memberOrganizationIds',
      'organization',
    ],
    ['an array trigger', missing('fk_meetings_attendee_ids', 'attendee_ids', 'people'), 'attendeeIds', 'person'],
    [
      'a constraint the table does not know: the column, camelCased',
      missing('fk_future_thing', 'thing_id', 'councils'),
      'thingId',
      'council',
    ],
  ])('%s → 400', (_label, error, field, noun) => {
    const e = referenceError(error)!;
    const message = `${field} refers to an unknown ${noun} ${ID}`;
    expect({ code: e.code, kind: e.kind, message: e.message, details: e.details }).toEqual({
      code: 'VALIDATION_FAILED',
      kind: 'invalid',
      message,
      details: [{ field, rule: 'exists', message }],
    });
  });

  it('the caller may name the field (one column, several API fields)', () => {
    expect(referenceError(missing('fk_council_roles_person_id', 'person_id', 'people'), 'secretaryIds')!.details).toEqual([
      { field: 'secretaryIds', rule: 'exists', message: `secretaryIds refers to an unknown person ${ID}` },
    ]);
  });

  it('a row still referred to (a refused DELETE) is a 409, not a 400', () => {
    const e = referenceError({
      code: '23503',
      constraint: 'fk_resolutions_owner_id',
      detail: `Key (id)=(${ID}) is still referenced from table "resolutions".`,
    })!;
    expect({ code: e.code, kind: e.kind, message: e.message }).toEqual({
      code: 'RECORD_IN_USE',
      kind: 'conflict',
      message: 'this record is still referred to by resolutions',
    });
  });

  it('anything else is not its business', () => {
    expect(referenceError({ code: '23505', constraint: 'people_username_key' })).toBeUndefined();
    expect(referenceError(undefined as never)).toBeUndefined();
    expect(referenceError(new Error('boom') as never)).toBeUndefined();
  });
});

describe('namingReferences', () => {
  it('renames only the given constraint, and passes every other error through untouched', async () => {
    const roleError = Object.assign(new Error('fk'), missing('fk_council_roles_person_id', 'person_id', 'people'));
    await expect(namingReferences('fk_council_roles_person_id', 'chairId', () => Promise.reject(roleError))).rejects.toMatchObject({
      details: [{ field: 'chairId', rule: 'exists' }],
    });
    const other = Object.assign(new Error('fk'), missing('fk_council_roles_council_id', 'council_id', 'councils'));
    await expect(namingReferences('fk_council_roles_person_id', 'chairId', () => Promise.reject(other))).rejects.toBe(other);
    await expect(namingReferences('fk_council_roles_person_id', 'chairId', () => Promise.resolve(7))).resolves.toBe(7);
  });
});
