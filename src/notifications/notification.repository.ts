import type { EntityManager } from 'typeorm';
import { column, inChunks } from '../database/column-wise';
import type { WrittenNotification } from './delivery/delivery-planner';
import type { Notification } from './notification.entity';

/** A notification to write: what the outbox reads of it once written, and its text. */
export type NotificationRow = Omit<WrittenNotification, 'id'> & Pick<Notification, 'title' | 'body'>;

/**
 * Writes notifications in one statement per 1,000 rows, column by column (`unnest`), so the statement
 * text is the same whatever the number of rows (the engine writes hundreds at a time). A (source,
 * person) already written is skipped; answers the rows written with their ids.
 */
export function insertNotifications(
  m: EntityManager,
  rows: NotificationRow[],
  createdAt: Date,
): Promise<{ id: string; personId: string; sourceKey: string }[]> {
  return inChunks(rows, (chunk) =>
    m.query(
      `INSERT INTO notifications (person_id, source_key, kind, council_id, resolution_id, level, title, body, created_at)
         SELECT n.person_id, n.source_key, n.kind, n.council_id, n.resolution_id, n.level, n.title, n.body, $9
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::smallint[], $7::text[], $8::text[])
             AS n(person_id, source_key, kind, council_id, resolution_id, level, title, body)
         ON CONFLICT DO NOTHING
         RETURNING id, person_id AS "personId", source_key AS "sourceKey"`,
      [
        column(chunk, 'personId'),
        column(chunk, 'sourceKey'),
        column(chunk, 'kind'),
        column(chunk, 'councilId'),
        column(chunk, 'resolutionId'),
        column(chunk, 'level'),
        column(chunk, 'title'),
        column(chunk, 'body'),
        createdAt,
      ],
    ),
  );
}
