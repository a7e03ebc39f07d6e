import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hasCouncilRole, type Principal } from '../common/principal';
import { forbidden, notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/pagination';
import { CouncilsService } from '../councils/councils.service';
import type { CreateMeetingDto } from './meeting.dto';
import { Meeting } from './meeting.entity';

@Injectable()
export class MeetingsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly councils: CouncilsService,
    private readonly audit: AuditService,
  ) {}

  async create(caller: Principal, councilId: string, body: CreateMeetingDto): Promise<Meeting> {
    await this.councils.get(caller, councilId);
    if (!hasCouncilRole(caller, councilId, 'secretary'))
      throw forbidden('MEETING_SECRETARY_ONLY', 'only a secretary of the council may register meetings');
    // An unknown attendee is refused by the trigger fk_meetings_attendee_ids: 400 naming attendeeIds.
    const attendeeIds = [...new Set(body.attendeeIds ?? [])];
    return this.db.transaction(async (m) => {
      const meeting = await m.save(
        m.create(Meeting, {
          councilId,
          title: body.title,
          kind: body.kind,
          heldAt: new Date(body.heldAt),
          location: body.location ?? null,
          attendeeIds,
          minutes: body.minutes ?? null,
        }),
      );
      await this.audit.append(m, councilId, [
        { entityType: 'meeting', entityId: meeting.id, action: 'meeting.created', actorId: caller.id, after: meeting },
      ]);
      return meeting;
    });
  }

  async list(caller: Principal, councilId: string, limit = 50, cursor?: string): Promise<Page<Meeting>> {
    await this.councils.get(caller, councilId);
    const after = decodeCursor(cursor, 2, ['instant', 'uuid']);
    const qb = this.db
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.councilId = :councilId', { councilId })
      .orderBy('m.heldAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(limit + 1);
    if (after) qb.andWhere('(m.heldAt, m.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb.getMany();
    return toPage(
      rows,
      limit,
      (r) => [r.heldAt.toISOString(), r.id],
      (r) => r,
    );
  }

  /** A meeting by id, for another module's use inside the workflow (no access check: the caller has done it). */
  async byId(id: string): Promise<Meeting> {
    return this.db.getRepository(Meeting).findOneByOrFail({ id });
  }

  /** A meeting the caller may read (council readers), or 404. */
  async get(caller: Principal, id: string): Promise<Meeting> {
    const meeting = await this.db.getRepository(Meeting).findOneBy({ id });
    if (!meeting) throw notFound('meeting');
    try {
      await this.councils.get(caller, meeting.councilId);
    } catch {
      throw notFound('meeting');
    }
    return meeting;
  }
}
