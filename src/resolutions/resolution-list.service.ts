import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal';
import { Clock } from '../common/clock';
import { encodeCursor, type Page } from '../common/pagination';
import { CouncilsService } from '../councils/councils.service';
import { lightThresholds } from './resolution-light';
import { toResolutionView, type ResolutionView } from './resolution-view';
import { PRIORITIES } from './resolution-workflow';
import type { ListResolutionsQuery } from './resolution.dto';
import { ResolutionRepository, type LightThresholdRow } from './resolution.repository';

/** `GET /resolutions`: every filter of the contract, keyset pagination, only what the caller may see. */
@Injectable()
export class ResolutionListService {
  constructor(
    private readonly clock: Clock,
    private readonly councils: CouncilsService,
    private readonly rows: ResolutionRepository,
  ) {}

  async list(caller: Principal, q: ListResolutionsQuery): Promise<Page<ResolutionView>> {
    const now = this.clock.now();
    const limit = q.limit ?? 50;
    // A date bound covers its whole day, read in the council's zone (UTC+8 when no council is named);
    // instants are exact.
    const zone =
      q.dueBefore || q.dueAfter ? (q.councilId && (await this.councils.context(q.councilId))?.council.timezone) || 'Asia/Shanghai' : '';
    const thresholds = q.light && q.light !== 'red' ? await this.lightThresholdRows(q.councilId, now) : [];
    const { rows, sortKeyOf, more } = await this.rows.listPage(caller, q, { now, limit, zone, thresholds });
    const page = more ? rows.slice(0, limit) : rows;
    const contexts = new Map<string, Awaited<ReturnType<CouncilsService['context']>>>();
    for (const id of new Set(page.map((r) => r.councilId))) contexts.set(id, await this.councils.context(id));
    return {
      items: page.map((r) => toResolutionView(r, contexts.get(r.councilId)!, now)),
      nextCursor: more ? encodeCursor([sortKeyOf.get(page[page.length - 1].id), page[page.length - 1].id]) : null,
    };
  }

  /**
   * Lights depend on each council's policy and calendar; they are turned into per-(council,
   * priority) threshold instants joined in SQL, the same thresholds `computeLight` uses.
   */
  private async lightThresholdRows(councilId: string | undefined, now: Date): Promise<LightThresholdRow[]> {
    const ids = councilId ? [councilId] : await this.councils.allIds();
    const rows: LightThresholdRow[] = [];
    for (const id of ids) {
      const ctx = await this.councils.context(id);
      if (!ctx) continue;
      for (const priority of PRIORITIES) {
        const t = lightThresholds(ctx.policyFor(priority), ctx.calendar, ctx.council.timezone, now);
        rows.push({ councilId: id, priority, warn: t.warnDueBefore, acceptLate: t.acceptanceLateBefore, stagnant: t.stagnantBefore });
      }
    }
    return rows;
  }
}
