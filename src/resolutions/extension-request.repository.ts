import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The extension_requests table's SQL beyond plain finds and saves. */
@Injectable()
export class ExtensionRequestRepository {
  /** Rejects the item's pending request, if any, with `note`; answers the ids it rejected. */
  async lapsePending(m: EntityManager, resolutionId: string, now: Date, note: string): Promise<{ id: string }[]> {
    return (
      await m.query<[{ id: string }[], number]>(
        `UPDATE extension_requests SET status = 'rejected', decided_at = $2, decision_note = $3, updated_at = $2
          WHERE resolution_id = $1 AND status = 'pending' RETURNING id`,
        [resolutionId, now, note],
      )
    )[0];
  }
}
