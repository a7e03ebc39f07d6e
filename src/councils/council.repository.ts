import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The councils table's SQL beyond plain finds and saves. */
@Injectable()
export class CouncilRepository {
  /** Moves the council's resolution counter on by `count` (locking the row until commit); answers the last number. */
  async reserveResolutionNumbers(m: EntityManager, councilId: string, count: number): Promise<number> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [[{ resolution_seq: last }]] = await m.query<[{ resolution_seq: number }[], number]>(
      'UPDATE councils SET resolution_seq = resolution_seq + $2 WHERE id = $1 RETURNING resolution_seq',
      [councilId, count],
    );
    return last;
  }
}
