/* eslint-disable @typescript-eslint/no-explicit-any */
// The database guards its references (migration ForeignKeys): every scalar reference is a foreign
// key ON DELETE RESTRICT, the three id arrays are kept in step by constraint triggers, the migration
// proves there are no orphans before it validates anything, and the API answers a reference to
// nothing with a 400 naming the field. Raw SQL goes through the app's own DataSource, as an
// operator or a bug with SQL access would.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ARRAY_KEYS, SCALAR_KEYS, orphanProofSql, type ReferenceKey } from '../../migrations/1795909267762-ForeignKeys';
import { BULLETIN_KEYS } from '../../migrations/1795953000001-BulletinForeignKeys';
import { DELIVERY_KEYS } from '../../migrations/1795960000000-DeliveryForeignKeys';
import { REFERENCE_FIELDS } from '../../src/common/reference-fields';
import type { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, resolutionIn, type World } from '../support/world';

const NOWHERE = '00000000-0000-4000-8000-00000000dead';

describe('foreign keys: the database refuses references to nothing', () => {
  let t: TestApp;
  let w: World;
  /** An item in progress with a progress report, a decided extension, an urge and a check: a row in every referencing table. */
  let item: any;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    await ok(
      w.as.chair.post(`/councils/${w.councilId}/channels`, {
        type: 'webhook',
        url: 'https://example.com/hook',
        name: '督办群',
        secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0',
      }),
    );
    item = await resolutionIn(w, 'in_progress');
    item = await ok(w.as.owner.post(`/resolutions/${item.id}/progress`, { version: item.version, percent: 10, note: '已启动' }), 200);
    const request = await ok(
      w.as.owner.post(`/resolutions/${item.id}/extension-requests`, {
        version: item.version,
        requestedDueAt: '2027-01-31',
        reason: '征拆',
      }),
    );
    item = await ok(w.as.supervisor.get(`/resolutions/${item.id}`), 200);
    item = await ok(
      w.as.supervisor.post(`/resolutions/${item.id}/extension-requests/${request.id}/approve`, { version: item.version }),
      200,
    );
    await ok(w.as.supervisor.post(`/resolutions/${item.id}/urge`, { version: item.version, note: '请加快' }));
    item = await ok(w.as.supervisor.get(`/resolutions/${item.id}`), 200);
    await ok(
      w.as.supervisor.post(`/resolutions/${item.id}/checks`, {
        version: item.version,
        checkedAt: '2026-03-05T10:00:00+08:00',
        method: 'site_visit',
        inspectorIds: [w.ids.supervisor],
        findings: '现场推进正常',
        rating: 'satisfactory',
      }),
    );
    item = await ok(w.as.supervisor.get(`/resolutions/${item.id}`), 200);
  });
  afterAll(() => t.close());

  /** The error a statement failed with (or a note that it did not fail). */
  const failure = async (sql: string, params: unknown[] = []): Promise<any> =>
    t.db.query(sql, params).then(
      () => ({ failed: false }),
      (err: any) => ({ code: err.code, constraint: err.constraint, column: err.column, detail: err.detail }),
    );

  describe('scalar references', () => {
    const updatable = SCALAR_KEYS.filter((k) => k.table !== 'events');

    it.each(updatable.map((k) => [`${k.table}.${k.column}`, k] as const))(
      '%s: pointing an existing row at nothing is refused (23503, its constraint named)',
      async (_label, k: ReferenceKey) => {
        // One row of this council's data (every table has one, see beforeAll); the UPDATE fails, so nothing changes.
        const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM "${k.table}"`);
        expect({ table: k.table, rows: n > 0 }).toEqual({ table: k.table, rows: true });
        expect(
          await failure(`UPDATE "${k.table}" SET "${k.column}" = $1 WHERE ctid = (SELECT ctid FROM "${k.table}" LIMIT 1)`, [NOWHERE]),
        ).toEqual({
          code: '23503',
          constraint: k.name,
          column: undefined,
          detail: `Key (${k.column})=(${NOWHERE}) is not present in table "${k.references}".`,
        });
      },
    );

    it('orphan INSERTs are refused: a person, a resolution, a role, a notice, a report, an event', async () => {
      const cases: [string, string, unknown[]][] = [
        [
          'fk_people_organization_id',
          `INSERT INTO people (username, password_hash, name, organization_id) VALUES ($1, 'x', 'x', $2)`,
          [`orphan-${randomUUID()}`, NOWHERE],
        ],
        [
          'fk_resolutions_owner_id',
          `INSERT INTO resolutions (council_id, meeting_id, number, title, owner_id) VALUES ($1, $2, 900000 + floor(random() * 99999)::int, 'x', $3)`,
          [w.councilId, w.meetingId, NOWHERE],
        ],
        [
          'fk_resolutions_meeting_id',
          `INSERT INTO resolutions (council_id, meeting_id, number, title) VALUES ($1, $2, 900000 + floor(random() * 99999)::int, 'x')`,
          [w.councilId, NOWHERE],
        ],
        [
          'fk_council_roles_person_id',
          `INSERT INTO council_roles (council_id, person_id, role) VALUES ($1, $2, 'supervisor')`,
          [w.councilId, NOWHERE],
        ],
        [
          'fk_notifications_person_id',
          `INSERT INTO notifications (person_id, source_key, kind, title, body) VALUES ($1, $2, 'bulletin', 'x', 'x')`,
          [NOWHERE, `orphan:${randomUUID()}`],
        ],
        [
          'fk_progress_reports_resolution_id',
          `INSERT INTO progress_reports (resolution_id, author_id, note, percent) VALUES ($1, $2, 'x', 1)`,
          [NOWHERE, w.ids.owner],
        ],
        ...(['council_id', 'resolution_id', 'actor_id'] as const).map((column): [string, string, unknown[]] => {
          const values = { council_id: w.councilId, resolution_id: item.id, actor_id: w.ids.supervisor, [column]: NOWHERE };
          return [
            `fk_events_${column}`,
            `INSERT INTO events (council_id, seq, resolution_id, entity_type, entity_id, action, actor_id, at, hash, hash_version)
             VALUES ($1, 900000000 + floor(random() * 1000000)::bigint, $2, 'resolution', $2, 'x', $3, now(), 'x', 2)`,
            [values.council_id, values.resolution_id, values.actor_id],
          ];
        }),
      ];
      for (const [constraint, sql, params] of cases) {
        expect({ constraint, error: await failure(sql, params) }).toMatchObject({ constraint, error: { code: '23503', constraint } });
      }
    });

    it('deleting a referenced row is refused (ON DELETE RESTRICT): an owner, a council, a resolution', async () => {
      expect(await failure('DELETE FROM people WHERE id = $1', [w.ids.owner])).toMatchObject({ code: '23503' });
      expect(await failure('DELETE FROM councils WHERE id = $1', [w.councilId])).toMatchObject({ code: '23503' });
      expect(await failure('DELETE FROM resolutions WHERE id = $1', [item.id])).toMatchObject({ code: '23503' });
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM people WHERE id = $1', [w.ids.owner]);
      expect(n).toBe(1);
    });
  });

  describe('id arrays: constraint triggers', () => {
    /** A person (in the council's lead organization) whom nothing refers to yet. */
    const freshPerson = async () =>
      (
        await ok(
          t.admin.post('/people', {
            username: `fresh-${randomUUID().slice(0, 8)}`,
            password: 'password-123',
            name: '新人',
            organizationId: w.orgs.lead,
          }),
        )
      ).id as string;
    const freshOrganization = async () =>
      (await ok(t.admin.post('/organizations', { name: `新单位 ${randomUUID().slice(0, 8)}`, kind: 'company' }))).id as string;

    it.each([
      [
        'resolutions.co_organization_ids (UPDATE)',
        'fk_resolutions_co_organization_ids',
        'co_organization_ids',
        'organizations',
        (): [string, unknown[]] => [
          'UPDATE resolutions SET co_organization_ids = ARRAY[$2::uuid, $1::uuid] WHERE id = $3',
          [NOWHERE, w.orgs.co, item.id],
        ],
      ],
      [
        'meetings.attendee_ids (INSERT)',
        'fk_meetings_attendee_ids',
        'attendee_ids',
        'people',
        (): [string, unknown[]] => [
          `INSERT INTO meetings (council_id, title, kind, held_at, attendee_ids) VALUES ($2, 'x', 'regular', now(), ARRAY[$3::uuid, $1::uuid])`,
          [NOWHERE, w.councilId, w.ids.chair],
        ],
      ],
      [
        'supervision_checks.inspector_ids (INSERT)',
        'fk_supervision_checks_inspector_ids',
        'inspector_ids',
        'people',
        (): [string, unknown[]] => [
          `INSERT INTO supervision_checks (resolution_id, council_id, checked_at, method, inspector_ids, findings, rating, recorded_by_id)
           VALUES ($2, $3, now(), 'hearing', ARRAY[$1::uuid], 'x', 'satisfactory', $4)`,
          [NOWHERE, item.id, w.councilId, w.ids.supervisor],
        ],
      ],
    ] as const)(
      '%s: an element that refers to nothing is refused, the column named',
      async (_label, constraint, column, table, statement) => {
        const [sql, params] = statement();
        expect(await failure(sql, params)).toEqual({
          code: '23503',
          constraint,
          column,
          detail: `Key (${column})=(${NOWHERE}) is not present in table "${table}".`,
        });
      },
    );

    it('a NULL element refers to nothing too', async () => {
      expect(await failure('UPDATE resolutions SET co_organization_ids = ARRAY[NULL::uuid] WHERE id = $1', [item.id])).toMatchObject({
        code: '23503',
        constraint: 'fk_resolutions_co_organization_ids',
      });
    });

    it('deleting a row an array still holds is refused; the same row, once no longer held, can go', async () => {
      const attendee = await freshPerson();
      const inspector = await freshPerson();
      const coHandler = await freshOrganization();
      const [meeting] = await t.db.query(
        `INSERT INTO meetings (council_id, title, kind, held_at, attendee_ids) VALUES ($1, 'x', 'regular', now(), ARRAY[$2::uuid]) RETURNING id`,
        [w.councilId, attendee],
      );
      const [check] = await t.db.query(
        `INSERT INTO supervision_checks (resolution_id, council_id, checked_at, method, inspector_ids, findings, rating, recorded_by_id)
         VALUES ($1, $2, now(), 'hearing', ARRAY[$3::uuid], 'x', 'satisfactory', $4) RETURNING id`,
        [item.id, w.councilId, inspector, w.ids.supervisor],
      );
      const before = (await t.db.query('SELECT co_organization_ids FROM resolutions WHERE id = $1', [item.id]))[0].co_organization_ids;
      await t.db.query('UPDATE resolutions SET co_organization_ids = co_organization_ids || $2::uuid WHERE id = $1', [item.id, coHandler]);

      expect(await failure('DELETE FROM people WHERE id = $1', [attendee])).toEqual({
        code: '23503',
        constraint: 'fk_meetings_attendee_ids',
        column: undefined,
        detail: `Key (id)=(${attendee}) is still referenced from table "meetings".`,
      });
      expect(await failure('DELETE FROM people WHERE id = $1', [inspector])).toMatchObject({
        code: '23503',
        constraint: 'fk_supervision_checks_inspector_ids',
      });
      expect(await failure('DELETE FROM organizations WHERE id = $1', [coHandler])).toMatchObject({
        code: '23503',
        constraint: 'fk_resolutions_co_organization_ids',
      });
      // Re-keying a held row is refused as well.
      expect(await failure('UPDATE people SET id = gen_random_uuid() WHERE id = $1', [attendee])).toMatchObject({
        code: '23503',
        constraint: 'fk_meetings_attendee_ids',
      });

      // Released, each can go: the triggers refuse only what is still held.
      await t.db.query('DELETE FROM meetings WHERE id = $1', [meeting.id]);
      await t.db.query('DELETE FROM supervision_checks WHERE id = $1', [check.id]);
      await t.db.query('UPDATE resolutions SET co_organization_ids = $2 WHERE id = $1', [item.id, before]);
      expect(await failure('DELETE FROM people WHERE id = ANY($1)', [[attendee, inspector]])).toEqual({ failed: false });
      expect(await failure('DELETE FROM organizations WHERE id = $1', [coHandler])).toEqual({ failed: false });
    });

    it('a DELETE racing an uncommitted reference waits for it, then is refused (FOR KEY SHARE, as a foreign key)', async () => {
      const attendee = await freshPerson();
      const writer = new Client({ connectionString: t.config.databaseUrl });
      const deleter = new Client({ connectionString: t.config.databaseUrl });
      await Promise.all([writer.connect(), deleter.connect()]);
      try {
        await writer.query('BEGIN');
        await writer.query(
          `INSERT INTO meetings (council_id, title, kind, held_at, attendee_ids) VALUES ($1, 'x', 'regular', now(), ARRAY[$2::uuid])`,
          [w.councilId, attendee],
        );
        let settled = false;
        const deleting = deleter.query('DELETE FROM people WHERE id = $1', [attendee]).then(
          () => ({ failed: false }),
          (err: any) => ({ code: err.code, constraint: err.constraint }),
        );
        void deleting.finally(() => (settled = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false); // blocked on the writer's lock, not answered from a stale look
        await writer.query('COMMIT');
        expect(await deleting).toEqual({ code: '23503', constraint: 'fk_meetings_attendee_ids' });
      } finally {
        await Promise.all([writer.end(), deleter.end()]);
      }
    });
  });

  describe("the migration's orphan proof", () => {
    const ALL_KEYS = [...SCALAR_KEYS, ...ARRAY_KEYS, ...DELIVERY_KEYS];

    it('passes on this database (no orphans anywhere)', async () => {
      await expect(t.db.query(orphanProofSql(ALL_KEYS))).resolves.toBeDefined();
    });

    it('raises on planted orphans, naming each table, column and count, and changes nothing', async () => {
      const c = new Client({ connectionString: t.config.databaseUrl });
      await c.connect();
      try {
        // Plant while the guards are off, inside a transaction that is rolled back: nobody else ever sees it.
        await c.query('BEGIN');
        await c.query('ALTER TABLE urges DROP CONSTRAINT fk_urges_urged_by_id');
        await c.query(`INSERT INTO urges (resolution_id, urged_by_id, note) VALUES ($1, $2, 'orphan'), ($1, $2, 'orphan')`, [
          item.id,
          NOWHERE,
        ]);
        await c.query('ALTER TABLE meetings DISABLE TRIGGER fk_meetings_attendee_ids');
        await c.query(
          `INSERT INTO meetings (council_id, title, kind, held_at, attendee_ids) VALUES ($1, 'x', 'regular', now(), ARRAY[$2::uuid])`,
          [w.councilId, NOWHERE],
        );
        await c.query('SAVEPOINT proof');
        const err: any = await c.query(orphanProofSql(ALL_KEYS)).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toMatchObject({ code: '23503', hint: expect.stringContaining('nothing was changed') });
        expect(err.message).toContain('foreign keys not added: rows refer to nothing');
        expect(err.message).toContain('urges.urged_by_id: 2 row(s) refer to no row of people');
        expect(err.message).toContain('meetings.attendee_ids: 1 row(s) refer to no row of people');
        expect(err.message.match(/row\(s\) refer to no row/g)).toHaveLength(2);
        await c.query('ROLLBACK TO SAVEPOINT proof');
        // The proof deleted nothing: the orphans are still there for the operator to repair.
        expect((await c.query('SELECT count(*)::int AS n FROM urges WHERE urged_by_id = $1', [NOWHERE])).rows[0].n).toBe(2);
      } finally {
        await c.query('ROLLBACK');
        await c.end();
      }
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM pg_constraint WHERE conname = $1', ['fk_urges_urged_by_id']);
      expect(n).toBe(1);
    });
  });

  describe('deliveries (migration DeliveryForeignKeys)', () => {
    it('a delivery referring to no notification, channel or person is refused, each key named', async () => {
      const [n] = await t.db.query(`SELECT id FROM notifications LIMIT 1`);
      expect(n).toBeDefined();
      const insert = (column: string) =>
        failure(
          `INSERT INTO deliveries (cause, channel, target_key, notification_id, target, ${column === 'notification_id' ? 'channel_id' : column})
           VALUES ($1, 'webhook', $1, $2, 'x', $3)`,
          [`orphan-${randomUUID()}`, column === 'notification_id' ? NOWHERE : n.id, column === 'notification_id' ? null : NOWHERE],
        );
      expect(await insert('notification_id')).toMatchObject({ code: '23503', constraint: 'fk_deliveries_notification_id' });
      expect(await insert('channel_id')).toMatchObject({ code: '23503', constraint: 'fk_deliveries_channel_id' });
      expect(await insert('recipient_id')).toMatchObject({ code: '23503', constraint: 'fk_deliveries_recipient_id' });
    });

    it('the orphan proof names planted delivery orphans and changes nothing', async () => {
      const [n] = await t.db.query(`SELECT id FROM notifications LIMIT 1`);
      const c = new Client({ connectionString: t.config.databaseUrl });
      await c.connect();
      try {
        await c.query('BEGIN');
        await c.query('ALTER TABLE deliveries DROP CONSTRAINT fk_deliveries_recipient_id');
        await c.query(
          `INSERT INTO deliveries (cause, channel, target_key, notification_id, recipient_id, target) VALUES ($1, 'email', $1, $2, $3, 'x')`,
          [`orphan-${randomUUID()}`, n.id, NOWHERE],
        );
        await c.query('SAVEPOINT proof');
        const err: any = await c.query(orphanProofSql(DELIVERY_KEYS)).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toMatchObject({ code: '23503' });
        expect(err.message).toContain('deliveries.recipient_id: 1 row(s) refer to no row of people');
        expect(err.message.match(/row\(s\) refer to no row/g)).toHaveLength(1);
        await c.query('ROLLBACK TO SAVEPOINT proof');
        expect((await c.query('SELECT count(*)::int AS n FROM deliveries WHERE recipient_id = $1', [NOWHERE])).rows[0].n).toBe(1);
      } finally {
        await c.query('ROLLBACK');
        await c.end();
      }
    });
  });

  describe('constraint → API field', () => {
    it('the mapping is complete and exact: one entry per foreign key and array trigger the database has', async () => {
      const rows: { conname: string }[] = await t.db.query(
        `SELECT DISTINCT conname FROM pg_constraint WHERE contype IN ('f', 't') AND connamespace = 'public'::regnamespace ORDER BY conname`,
      );
      expect(rows.map((r) => r.conname)).toEqual(Object.keys(REFERENCE_FIELDS).sort());
      expect(Object.keys(REFERENCE_FIELDS).sort()).toEqual(
        [...SCALAR_KEYS, ...ARRAY_KEYS, ...BULLETIN_KEYS, ...DELIVERY_KEYS].map((k) => k.name).sort(),
      );
    });
  });

  describe('the API answers a reference to nothing with 400 naming the field', () => {
    type Case = [label: string, as: () => ApiClient, method: string, path: () => string, body: () => object, field: string, noun: string];
    const admin = () => t.admin;
    const spareOrg = () => w.orgs.unrelated;
    const registration = (path: () => string, as: () => ApiClient): Case[] => [
      [
        `${path().replace(/[0-9a-f-]{36}/g, ':id')} leadOrganizationId`,
        as,
        'POST',
        path,
        () => ({ title: 'x', leadOrganizationId: NOWHERE }),
        'leadOrganizationId',
        'organization',
      ],
      [
        `${path().replace(/[0-9a-f-]{36}/g, ':id')} coOrganizationIds`,
        as,
        'POST',
        path,
        () => ({ title: 'x', coOrganizationIds: [w.orgs.co, NOWHERE] }),
        'coOrganizationIds',
        'organization',
      ],
      [
        `${path().replace(/[0-9a-f-]{36}/g, ':id')} ownerId`,
        as,
        'POST',
        path,
        () => ({ title: 'x', ownerId: NOWHERE }),
        'ownerId',
        'person',
      ],
    ];
    const cases = (): Case[] => [
      [
        'POST /organizations parentId',
        admin,
        'POST',
        () => '/organizations',
        () => ({ name: 'x', kind: 'company', parentId: NOWHERE }),
        'parentId',
        'organization',
      ],
      [
        'POST /organizations leaderId',
        admin,
        'POST',
        () => '/organizations',
        () => ({ name: 'x', kind: 'company', leaderId: NOWHERE }),
        'leaderId',
        'person',
      ],
      [
        'PATCH /organizations/:id parentId',
        admin,
        'PATCH',
        () => `/organizations/${spareOrg()}`,
        () => ({ parentId: NOWHERE }),
        'parentId',
        'organization',
      ],
      [
        'PATCH /organizations/:id leaderId',
        admin,
        'PATCH',
        () => `/organizations/${spareOrg()}`,
        () => ({ leaderId: NOWHERE }),
        'leaderId',
        'person',
      ],
      [
        'POST /people organizationId',
        admin,
        'POST',
        () => '/people',
        () => ({ username: `p-${randomUUID().slice(0, 8)}`, password: 'password-123', name: 'x', organizationId: NOWHERE }),
        'organizationId',
        'organization',
      ],
      [
        'PATCH /people/:id organizationId',
        admin,
        'PATCH',
        () => `/people/${w.ids.outsider}`,
        () => ({ organizationId: NOWHERE }),
        'organizationId',
        'organization',
      ],
      ...(['memberOrganizationIds', 'chairId', 'secretaryIds', 'supervisorIds'] as const).flatMap((field): Case[] => {
        const value =
          field === 'chairId' ? NOWHERE : field === 'memberOrganizationIds' ? [w.orgs.lead, NOWHERE] : [w.ids.secretary, NOWHERE];
        const noun = field === 'memberOrganizationIds' ? 'organization' : 'person';
        const council = () => ({
          name: `x ${randomUUID().slice(0, 8)}`,
          memberOrganizationIds: [w.orgs.lead],
          chairId: w.ids.chair,
          secretaryIds: [w.ids.secretary],
          supervisorIds: [w.ids.supervisor],
        });
        return [
          [`POST /councils ${field}`, admin, 'POST', () => '/councils', () => ({ ...council(), [field]: value }), field, noun],
          [
            `PATCH /councils/:id ${field}`,
            () => w.as.chair,
            'PATCH',
            () => `/councils/${w.councilId}`,
            () => ({ [field]: value }),
            field,
            noun,
          ],
        ];
      }),
      [
        'POST /councils/:id/meetings attendeeIds',
        () => w.as.secretary,
        'POST',
        () => `/councils/${w.councilId}/meetings`,
        () => ({ title: 'x', kind: 'regular', heldAt: '2026-03-05T09:00:00+08:00', attendeeIds: [w.ids.chair, NOWHERE] }),
        'attendeeIds',
        'person',
      ],
      ...registration(
        () => `/meetings/${w.meetingId}/resolutions`,
        () => w.as.secretary,
      ),
      ...registration(
        () => `/resolutions/${item.id}/children`,
        () => w.as.supervisor,
      ),
      ...(['leadOrganizationId', 'ownerId', 'coOrganizationIds'] as const).flatMap((field): Case[] => {
        const value = field === 'coOrganizationIds' ? [NOWHERE] : NOWHERE;
        const noun = field === 'ownerId' ? 'person' : 'organization';
        const assign = () => ({
          leadOrganizationId: w.orgs.lead,
          ownerId: w.ids.owner,
          dueAt: '2026-12-31',
          coOrganizationIds: [w.orgs.co],
        });
        return [
          [
            `POST /resolutions/:id/reassign ${field}`,
            () => w.as.supervisor,
            'POST',
            () => `/resolutions/${item.id}/reassign`,
            () => ({ version: item.version, [field]: value }),
            field,
            noun,
          ],
          [
            `POST /resolutions/:id/assign ${field}`,
            () => w.as.supervisor,
            'POST',
            () => `/resolutions/${registered.id}/assign`,
            () => ({ version: registered.version, ...assign(), [field]: value }),
            field,
            noun,
          ],
        ];
      }),
      [
        'POST /resolutions/:id/checks inspectorIds',
        () => w.as.supervisor,
        'POST',
        () => `/resolutions/${item.id}/checks`,
        () => ({
          version: item.version,
          checkedAt: '2026-03-05T10:00:00+08:00',
          method: 'hearing',
          inspectorIds: [w.ids.supervisor, NOWHERE],
          findings: 'x',
          rating: 'satisfactory',
        }),
        'inspectorIds',
        'person',
      ],
    ];
    let registered: any;

    beforeAll(async () => {
      registered = await resolutionIn(w, 'registered');
    });

    it('every endpoint that takes a reference', async () => {
      const answers = [];
      for (const [label, as, method, path, body, field, noun] of cases()) {
        const res = await as().request(method, path(), body());
        answers.push({ label, status: res.status, body: res.body });
        const message = `${field} refers to an unknown ${noun} ${NOWHERE}`;
        expect({ label, status: res.status, body: res.body }).toEqual({
          label,
          status: 400,
          body: {
            statusCode: 400,
            error: 'Bad Request',
            code: 'VALIDATION_FAILED',
            message,
            details: [{ field, rule: 'exists', message }],
            requestId: expect.any(String),
          },
        });
      }
      expect(answers.length).toBe(28);
      // Refused transitions wrote nothing: the items are at the versions they were.
      expect((await ok(w.as.supervisor.get(`/resolutions/${item.id}`), 200)).version).toBe(item.version);
      expect((await ok(w.as.supervisor.get(`/resolutions/${registered.id}`), 200)).version).toBe(registered.version);
    });
  });
});
