import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Until this migration the database trusted the application for every reference. From here on it
 * refuses a reference to nothing itself, and refuses deleting a row something still refers to.
 *
 * - Every scalar reference becomes a foreign key `ON DELETE RESTRICT`, named `fk_<table>_<column>`;
 *   the entities declare the same keys (`@ForeignKey`), so `migration:generate` keeps them.
 * - The three id arrays (`resolutions.co_organization_ids`, `meetings.attendee_ids`,
 *   `supervision_checks.inspector_ids`) stay arrays, kept in step by constraint triggers: one on the
 *   array's table refuses an element that refers to nothing, one on the referenced table refuses
 *   deleting (or re-keying) a row an array still holds. Arrays rather than join tables because the
 *   list filters (`coOrganizationId=`, the GIN index `resolutions_co_orgs_idx`), the access rules
 *   ("co-handled by my organization") and their benchmarks read the arrays; a join table would
 *   rewrite that code and its plans for no gain in safety. The triggers lock the referenced rows
 *   `FOR KEY SHARE` exactly as a foreign key does, so a concurrent DELETE cannot slip between the
 *   check and the commit. They are NOT DEFERRABLE, like the foreign keys: the refusal arrives at
 *   the statement that caused it, with SQLSTATE 23503 and the column named, so the API can answer
 *   400 naming the field (src/common/reference-fields.ts).
 *   Council members and council roles already are join tables and get plain foreign keys.
 *
 * Order, all inside this migration's one transaction:
 * 1. every key is added `NOT VALID` and every trigger is created. This is instant (no scan), and it
 *    takes the locks that stop writers, so no new orphan can appear while we look for old ones;
 * 2. the orphan proof counts, for every key, the rows that refer to nothing, and raises one
 *    exception listing each table, column and count if there is any. Nothing is deleted: an operator
 *    reads the list, repairs the rows, and runs the migrations again (the transaction rolled back);
 * 3. every key is validated (one scan each).
 * Inside one transaction NOT VALID does not shorten how long writers wait (the locks are held to
 * the commit); on the benchmark's data set (100,000 resolutions, 100k events) the whole migration
 * took about 15 s on a busy shared machine (BENCHMARKS.md). Should a database ever be so large that this matters, step 3 can move to
 * a migration with `transaction = false`: the NOT VALID keys already guard every new row.
 *
 * Indexes on the referencing side: none added. Every referencing column a query looks rows up by
 * already has one (the council, resolution, meeting, parent, lead, owner, person and organization
 * columns; `resolutions_co_orgs_idx` for the co-handlers). The rest — who wrote a report, asked for
 * or decided an extension, recorded a check, urged, acted in an event (`author_id`,
 * `requested_by_id`, `decided_by_id`, `recorded_by_id`, `urged_by_id`, `actor_id`), the council of a
 * scheduled action or a notice, and the attendee and inspector arrays — would serve only a DELETE of
 * a person or a council, which the service never does (RESTRICT then scans those tables once, and
 * refuses). An index on `events.actor_id` would instead cost every transition an index write.
 */

/** A reference from `table.column` to `references.id`; `array` when the column holds a list of ids. */
export interface ReferenceKey {
  name: string;
  table: string;
  column: string;
  references: string;
  array?: boolean;
}

const key = (table: string, column: string, references: string, array = false): ReferenceKey => ({
  name: `fk_${table}_${column}`,
  table,
  column,
  references,
  ...(array ? { array } : {}),
});

export const SCALAR_KEYS: ReferenceKey[] = [
  key('organizations', 'parent_id', 'organizations'),
  key('organizations', 'leader_id', 'people'),
  key('people', 'organization_id', 'organizations'),
  key('council_roles', 'council_id', 'councils'),
  key('council_roles', 'person_id', 'people'),
  key('council_members', 'council_id', 'councils'),
  key('council_members', 'organization_id', 'organizations'),
  key('council_channels', 'council_id', 'councils'),
  key('meetings', 'council_id', 'councils'),
  key('resolutions', 'council_id', 'councils'),
  key('resolutions', 'meeting_id', 'meetings'),
  key('resolutions', 'parent_id', 'resolutions'),
  key('resolutions', 'lead_organization_id', 'organizations'),
  key('resolutions', 'owner_id', 'people'),
  key('progress_reports', 'resolution_id', 'resolutions'),
  key('progress_reports', 'author_id', 'people'),
  key('extension_requests', 'resolution_id', 'resolutions'),
  key('extension_requests', 'requested_by_id', 'people'),
  key('extension_requests', 'decided_by_id', 'people'),
  key('supervision_checks', 'resolution_id', 'resolutions'),
  key('supervision_checks', 'council_id', 'councils'),
  key('supervision_checks', 'recorded_by_id', 'people'),
  key('urges', 'resolution_id', 'resolutions'),
  key('urges', 'urged_by_id', 'people'),
  key('events', 'council_id', 'councils'),
  key('events', 'resolution_id', 'resolutions'),
  key('events', 'actor_id', 'people'),
  key('scheduled_actions', 'council_id', 'councils'),
  key('scheduled_actions', 'resolution_id', 'resolutions'),
  key('notifications', 'person_id', 'people'),
  key('notifications', 'council_id', 'councils'),
  key('notifications', 'resolution_id', 'resolutions'),
];

export const ARRAY_KEYS: ReferenceKey[] = [
  key('resolutions', 'co_organization_ids', 'organizations', true),
  key('meetings', 'attendee_ids', 'people', true),
  key('supervision_checks', 'inspector_ids', 'people', true),
];

/** The rows of `k.table` whose reference points at nothing (for an array: with at least one such element). */
function orphanCondition(k: ReferenceKey): string {
  const missing = (value: string) => `NOT EXISTS (SELECT 1 FROM "${k.references}" r WHERE r."id" = ${value})`;
  return k.array
    ? `EXISTS (SELECT 1 FROM unnest(t."${k.column}") AS e WHERE e IS NULL OR ${missing('e')})`
    : `t."${k.column}" IS NOT NULL AND ${missing(`t."${k.column}"`)}`;
}

/**
 * A DO block that counts the orphans of every key and, if any key has one, raises ONE exception
 * listing them all ("<table>.<column>: <n> row(s) refer to no row of <table>"), so an operator sees
 * everything to repair at once. It never changes a row. Exported for the test that plants an orphan.
 */
export function orphanProofSql(keys: ReferenceKey[]): string {
  const counts = keys
    .map(
      (k) => `
  SELECT count(*) INTO n FROM "${k.table}" t WHERE ${orphanCondition(k)};
  IF n > 0 THEN
    report := report || format(E'\\n  %s.%s: %s row(s) refer to no row of %s', '${k.table}', '${k.column}', n, '${k.references}');
  END IF;`,
    )
    .join('');
  return `DO $proof$
DECLARE
  n bigint;
  report text := '';
BEGIN${counts}
  IF report <> '' THEN
    RAISE EXCEPTION 'foreign keys not added: rows refer to nothing%', report
      USING ERRCODE = 'foreign_key_violation',
            HINT = 'Repair or remove these rows yourself (nothing was changed), then run the migrations again.';
  END IF;
END
$proof$`;
}

/** The function of the trigger on the array's table: every element must name an existing row. */
function arrayCheckSql(k: ReferenceKey): string {
  return `CREATE FUNCTION "${k.name}_check"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  missing uuid;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."${k.column}" IS NOT DISTINCT FROM OLD."${k.column}" THEN
    RETURN NULL;
  END IF;
  -- As a foreign key does: lock what is referred to, so a concurrent DELETE waits for this transaction.
  PERFORM 1 FROM "${k.references}" WHERE "id" = ANY (NEW."${k.column}") FOR KEY SHARE;
  SELECT e INTO missing FROM unnest(NEW."${k.column}") AS e
   WHERE e IS NULL OR NOT EXISTS (SELECT 1 FROM "${k.references}" r WHERE r."id" = e) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "${k.table}" violates foreign key constraint "${k.name}"'
      USING ERRCODE = 'foreign_key_violation', TABLE = '${k.table}', COLUMN = '${k.column}', CONSTRAINT = '${k.name}',
            DETAIL = format('Key (${k.column})=(%s) is not present in table "${k.references}".', missing);
  END IF;
  RETURN NULL;
END
$fn$`;
}

/** The function of the trigger on the referenced table: a row an array still holds stays. */
function arrayRestrictSql(k: ReferenceKey): string {
  return `CREATE FUNCTION "${k.name}_restrict"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."id" = OLD."id" THEN
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM "${k.table}" WHERE "${k.column}" @> ARRAY[OLD."id"]) THEN
    RAISE EXCEPTION 'update or delete on table "${k.references}" violates foreign key constraint "${k.name}" on table "${k.table}"'
      USING ERRCODE = 'foreign_key_violation', TABLE = '${k.references}', CONSTRAINT = '${k.name}',
            DETAIL = format('Key (id)=(%s) is still referenced from table "${k.table}".', OLD."id");
  END IF;
  RETURN NULL;
END
$fn$`;
}

export class ForeignKeys1795909267762 implements MigrationInterface {
  name = 'ForeignKeys1795909267762';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const k of SCALAR_KEYS) {
      await queryRunner.query(
        `ALTER TABLE "${k.table}" ADD CONSTRAINT "${k.name}" FOREIGN KEY ("${k.column}") REFERENCES "${k.references}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID`,
      );
    }
    for (const k of ARRAY_KEYS) {
      await queryRunner.query(arrayCheckSql(k));
      await queryRunner.query(
        `CREATE CONSTRAINT TRIGGER "${k.name}" AFTER INSERT OR UPDATE OF "${k.column}" ON "${k.table}" NOT DEFERRABLE FOR EACH ROW EXECUTE FUNCTION "${k.name}_check"()`,
      );
      await queryRunner.query(arrayRestrictSql(k));
      await queryRunner.query(
        `CREATE CONSTRAINT TRIGGER "${k.name}" AFTER DELETE OR UPDATE OF "id" ON "${k.references}" NOT DEFERRABLE FOR EACH ROW EXECUTE FUNCTION "${k.name}_restrict"()`,
      );
    }
    await queryRunner.query(orphanProofSql([...SCALAR_KEYS, ...ARRAY_KEYS]));
    for (const k of SCALAR_KEYS) await queryRunner.query(`ALTER TABLE "${k.table}" VALIDATE CONSTRAINT "${k.name}"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const k of [...ARRAY_KEYS].reverse()) {
      await queryRunner.query(`DROP TRIGGER "${k.name}" ON "${k.references}"`);
      await queryRunner.query(`DROP FUNCTION "${k.name}_restrict"()`);
      await queryRunner.query(`DROP TRIGGER "${k.name}" ON "${k.table}"`);
      await queryRunner.query(`DROP FUNCTION "${k.name}_check"()`);
    }
    for (const k of [...SCALAR_KEYS].reverse()) await queryRunner.query(`ALTER TABLE "${k.table}" DROP CONSTRAINT "${k.name}"`);
  }
}
