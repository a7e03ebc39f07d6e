import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The board's counts that do not depend on "now" (items per status, closed, closed on time against
 * the approved and the original deadline, co-handled), kept by triggers on `resolutions` in
 * `supervision_board_counts` (see src/supervision/board-count.entity.ts).
 *
 * Why triggers and not the ResolutionTransitionHook: the counts change with more than transitions —
 * a reassignment (owner, lead unit), a co-handler added, a deadline extended, an import, the
 * engine's updates, a fixture or a benchmark writing rows directly. A trigger sees every one of them
 * in the writer's own transaction, so the counts cannot drift from the rows, whoever wrote them.
 *
 * Why signed deltas appended per statement and not one counter row per group updated in place: a
 * counter row updated in place is a lock every writer of that group queues on until it commits, and
 * two transactions moving items between the same two groups in opposite directions deadlock. An
 * append takes no lock a concurrent writer waits for. The triggers are statement-level with
 * transition tables, so an import of 10,000 rows appends one row per group it touched, not 10,000,
 * and an update that changes none of the counted columns (the engine's escalations, reminders)
 * appends nothing: its old and new rows cancel out in the GROUP BY ... HAVING.
 *
 * The table has no foreign keys: its rows are derived from `resolutions`, whose own keys already
 * hold every council, unit and person it names, and a key here would cost each write a lookup.
 */

/** The counted columns of `source` (a row set with a `sign` column), summed per group into the table. */
export function appendDeltasSql(source: string): string {
  return `INSERT INTO "supervision_board_counts" ("council_id", "kind", "organization_id", "owner_id", "status", "items", "closed_on_time", "closed_on_time_original")
SELECT d.council_id, d.kind, d.organization_id, d.owner_id, d.status, sum(d.items)::int, sum(d.on_time)::int, sum(d.on_time_original)::int
  FROM (SELECT r.council_id, 'lead' AS kind, r.lead_organization_id AS organization_id, r.owner_id, r.status, r.sign AS items,
               CASE WHEN r.status = 'closed' AND r.completion_requested_at <= r.due_at THEN r.sign ELSE 0 END AS on_time,
               CASE WHEN r.status = 'closed' AND r.completion_requested_at <= r.original_due_at THEN r.sign ELSE 0 END AS on_time_original
          FROM ${source} r
        UNION ALL
        SELECT r.council_id, 'co', co.organization_id, NULL, r.status, r.sign, 0, 0
          FROM ${source} r CROSS JOIN LATERAL unnest(r.co_organization_ids) AS co(organization_id)) d
 GROUP BY 1, 2, 3, 4, 5
HAVING sum(d.items) <> 0 OR sum(d.on_time) <> 0 OR sum(d.on_time_original) <> 0`;
}

const COLUMNS = `council_id, lead_organization_id, owner_id, status, due_at, original_due_at, completion_requested_at, co_organization_ids`;

const FUNCTION = `CREATE FUNCTION "supervision_board_count"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${appendDeltasSql(`(SELECT ${COLUMNS}, 1 AS sign FROM new_rows)`)};
  ELSIF TG_OP = 'UPDATE' THEN
    ${appendDeltasSql(`(SELECT ${COLUMNS}, 1 AS sign FROM new_rows UNION ALL SELECT ${COLUMNS}, -1 FROM old_rows)`)};
  ELSIF TG_OP = 'DELETE' THEN
    ${appendDeltasSql(`(SELECT ${COLUMNS}, -1 AS sign FROM old_rows)`)};
  ELSE
    DELETE FROM "supervision_board_counts";
  END IF;
  RETURN NULL;
END
$fn$`;

/** The open items of a council with every column the board's "now" figures read: an index-only scan. */
const OPEN_INDEX = `CREATE INDEX "resolutions_board_open_idx" ON "resolutions" ("council_id") INCLUDE ("priority", "status", "lead_organization_id", "owner_id", "due_at", "original_due_at", "assigned_at", "accepted_at", "last_progress_at", "report_overdue_since") WHERE "status" IN ('registered', 'assigned', 'in_progress', 'completion_requested')`;

export class SupervisionBoardCounts1795953000000 implements MigrationInterface {
  name = 'SupervisionBoardCounts1795953000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "supervision_board_counts" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "council_id" uuid NOT NULL, "kind" text NOT NULL, "organization_id" uuid, "owner_id" uuid, "status" text NOT NULL, "items" integer NOT NULL, "closed_on_time" integer NOT NULL, "closed_on_time_original" integer NOT NULL, CONSTRAINT "supervision_board_counts_kind_check" CHECK ("kind" IN ('lead', 'co')), CONSTRAINT "PK_supervision_board_counts" PRIMARY KEY ("id"))`,
    );
    // Covering: the board sums a council's rows from the index alone once vacuum has marked the pages all-visible.
    await queryRunner.query(
      `CREATE INDEX "supervision_board_counts_council_idx" ON "supervision_board_counts" ("council_id") INCLUDE ("kind", "organization_id", "owner_id", "status", "items", "closed_on_time", "closed_on_time_original")`,
    );
    await queryRunner.query(FUNCTION);
    // Creating the triggers locks out writers of resolutions until this migration commits, so the
    // backfill below and the triggers see exactly the same rows.
    for (const [op, referencing] of [
      ['INSERT', 'NEW TABLE AS new_rows'],
      ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['DELETE', 'OLD TABLE AS old_rows'],
    ]) {
      await queryRunner.query(
        `CREATE TRIGGER "supervision_board_count_${op.toLowerCase()}" AFTER ${op} ON "resolutions" REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION "supervision_board_count"()`,
      );
    }
    await queryRunner.query(
      `CREATE TRIGGER "supervision_board_count_truncate" AFTER TRUNCATE ON "resolutions" FOR EACH STATEMENT EXECUTE FUNCTION "supervision_board_count"()`,
    );
    await queryRunner.query(appendDeltasSql(`(SELECT ${COLUMNS}, 1 AS sign FROM "resolutions")`));
    // The board now reads only open items from resolutions (what depends on "now"): the covering
    // index of every item gives way to one of the open items only.
    await queryRunner.query(`DROP INDEX "resolutions_board_idx"`);
    await queryRunner.query(OPEN_INDEX);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "resolutions_board_open_idx"`);
    await queryRunner.query(
      `CREATE INDEX "resolutions_board_idx" ON "resolutions" ("council_id") INCLUDE ("status", "priority", "lead_organization_id", "owner_id", "due_at", "original_due_at", "completion_requested_at", "assigned_at", "accepted_at", "last_progress_at", "report_overdue_since", "co_organization_ids")`,
    );
    for (const op of ['truncate', 'delete', 'update', 'insert'])
      await queryRunner.query(`DROP TRIGGER "supervision_board_count_${op}" ON "resolutions"`);
    await queryRunner.query(`DROP FUNCTION "supervision_board_count"()`);
    await queryRunner.query(`DROP TABLE "supervision_board_counts"`);
  }
}
