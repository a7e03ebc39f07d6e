import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { invalid } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/pagination';
import { ReminderQueue } from './reminder-queue.service';
import { ScheduledActionRepository } from './scheduled-action.repository';
import { ScheduledAction } from './scheduled-action.entity';

export interface FailedActionView {
  id: string;
  councilId: string;
  resolutionId: string;
  kind: string;
  key: string;
  fireAt: Date;
  level: number | null;
  recipients: string[];
  status: string;
  failedAt: Date | null;
  lastError: string | null;
  createdAt: Date;
}

/**
 * The actions the worker set aside because their council could not be handled (a broken audit
 * chain…): listed for an admin with their error, and put back to pending once the cause is fixed.
 */
@Injectable()
export class FailedActionsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly queue: ReminderQueue,
    private readonly actions: ScheduledActionRepository,
  ) {}

  async list(councilId: string | undefined, limit = 50, cursor?: string): Promise<Page<FailedActionView>> {
    const after = decodeCursor(cursor, 2, ['instant', 'uuid']);
    const qb = this.db.getRepository(ScheduledAction).createQueryBuilder('a').where("a.status = 'failed'");
    if (councilId) qb.andWhere('a.councilId = :councilId', { councilId });
    if (after) qb.andWhere('(a.createdAt, a.id) > (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('a.createdAt', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(limit + 1)
      .getMany();
    return toPage(rows, limit, (a) => [a.createdAt.toISOString(), a.id], view);
  }

  /**
   * Puts failed actions back to pending (all of a council's, or the ones named), to be carried out
   * at once; the worker re-checks each against its item's current plan, as for any action. One whose
   * item was replanned meanwhile (a pending action of the same key exists) is cancelled instead.
   */
  async retry(selection: { councilId?: string; ids?: string[] }): Promise<{ retried: number; superseded: number }> {
    if ((selection.councilId === undefined) === (selection.ids === undefined))
      throw invalid('body', 'must name either councilId or ids, not both', 'oneOf');
    const { retried, superseded } = await this.db.transaction(async (m) => {
      const failed = await m
        .createQueryBuilder(ScheduledAction, 'a')
        .where("a.status = 'failed'")
        .andWhere(selection.councilId ? 'a.councilId = :councilId' : 'a.id IN (:...ids)', {
          councilId: selection.councilId,
          ids: selection.ids?.length ? selection.ids : ['00000000-0000-0000-0000-000000000000'],
        })
        .orderBy('a.createdAt', 'DESC')
        .setLock('pessimistic_write')
        .getMany();
      if (failed.length === 0) return { retried: [] as ScheduledAction[], superseded: [] as string[] };
      const taken = await this.actions.pendingKeys(m, [...new Set(failed.map((a) => a.resolutionId))]);
      const back: ScheduledAction[] = [];
      const gone: string[] = [];
      // Newest first: of two failed copies of one key, the newest goes back and the other is cancelled.
      for (const a of failed) {
        const key = `${a.resolutionId}|${a.key}`;
        if (taken.has(key)) {
          gone.push(a.id);
        } else {
          taken.add(key);
          back.push(a);
        }
      }
      if (back.length)
        await m.update(
          ScheduledAction,
          back.map((a) => a.id),
          { status: 'pending', lastError: null, handledAt: null },
        );
      if (gone.length) await m.update(ScheduledAction, gone, { status: 'cancelled' });
      return { retried: back, superseded: gone };
    });
    if (retried.length) await this.queue.wake(retried.map((a) => a.fireAt));
    return { retried: retried.length, superseded: superseded.length };
  }
}

function view(a: ScheduledAction): FailedActionView {
  return {
    id: a.id,
    councilId: a.councilId,
    resolutionId: a.resolutionId,
    kind: a.kind,
    key: a.key,
    fireAt: a.fireAt,
    level: a.level,
    recipients: a.recipients,
    status: a.status,
    failedAt: a.handledAt,
    lastError: a.lastError,
    createdAt: a.createdAt,
  };
}
