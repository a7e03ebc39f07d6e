import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import type { Principal } from '../common/principal';
import { Clock } from '../common/clock';
import { CouncilsService } from '../councils/councils.service';
import { MeetingsService } from '../meetings/meetings.service';
import { viewerParams } from '../resolutions/resolution-access';
import { ResolutionsService } from '../resolutions/resolutions.service';
import { toResolutionView, type ResolutionView } from '../resolutions/resolution-view';
import { SupervisionRepository } from './supervision.repository';

export interface FollowUpItem extends ResolutionView {
  meetingTitle: string;
  leadOrganizationName: string | null;
  ownerName: string | null;
  lastProgress: { note: string; percent: number; reportedAt: Date; authorId: string } | null;
}

const STATUS_TEXT: Record<string, string> = {
  registered: '已登记',
  assigned: '已交办',
  in_progress: '办理中',
  completion_requested: '申请销号',
  closed: '已销号',
  cancelled: '已撤销',
};
const LIGHT_TEXT: Record<string, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };

/**
 * 会前汇总: the decisions of the council's earlier meetings still open at this meeting, for the agenda
 * item "how did our earlier decisions go". Judged at the meeting's time, or now if it is still ahead.
 */
@Injectable()
export class FollowUpService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly meetings: MeetingsService,
    private readonly councils: CouncilsService,
    private readonly repo: SupervisionRepository,
    private readonly resolutions: ResolutionsService,
  ) {}

  async followUp(caller: Principal, meetingId: string) {
    const meeting = await this.meetings.get(caller, meetingId);
    const now = this.clock.now();
    const asOf = meeting.heldAt.getTime() < now.getTime() ? meeting.heldAt : now;
    const ctx = (await this.councils.context(meeting.councilId))!;
    const found = await this.repo.followUpItems(meeting.councilId, meeting.heldAt, asOf, viewerParams(caller));
    const byId = new Map(
      (
        await this.resolutions.findMany(
          this.db.manager,
          found.map((f) => f.id),
        )
      ).map((r) => [r.id, r]),
    );
    const entities = found.map((f) => byId.get(f.id)).filter((r) => r !== undefined);
    const ids = entities.map((r) => r.id);
    const titleOf = new Map(found.map((f) => [f.id, f.meetingTitle]));
    const [progress, orgNames, peopleNames] = await Promise.all([
      this.repo.lastProgress(ids, asOf),
      this.repo.names(
        'organizations',
        entities.map((r) => r.leadOrganizationId).filter((x): x is string => !!x),
      ),
      this.repo.names(
        'people',
        entities.map((r) => r.ownerId).filter((x): x is string => !!x),
      ),
    ]);
    const items: FollowUpItem[] = entities.map((r) => ({
      ...toResolutionView(r, ctx, asOf),
      meetingTitle: titleOf.get(r.id) ?? '',
      leadOrganizationName: r.leadOrganizationId ? (orgNames.get(r.leadOrganizationId) ?? null) : null,
      ownerName: r.ownerId ? (peopleNames.get(r.ownerId) ?? null) : null,
      lastProgress: progress.get(r.id) ?? null,
    }));
    return { meetingId, councilId: meeting.councilId, meetingTitle: meeting.title, heldAt: meeting.heldAt, asOf, items };
  }

  async followUpXlsx(caller: Principal, meetingId: string): Promise<{ buffer: Buffer; title: string }> {
    const data = await this.followUp(caller, meetingId);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('会前汇总');
    sheet.columns = [
      { header: '编号', key: 'number', width: 8 },
      { header: '事项', key: 'title', width: 40 },
      { header: '会议', key: 'meeting', width: 24 },
      { header: '状态', key: 'status', width: 10 },
      { header: '灯', key: 'light', width: 8 },
      { header: '逾期天数', key: 'daysOverdue', width: 10 },
      { header: '牵头单位', key: 'lead', width: 20 },
      { header: '责任人', key: 'owner', width: 12 },
      { header: '期限', key: 'dueAt', width: 20 },
      { header: '进度%', key: 'progress', width: 8 },
      { header: '最近进展', key: 'lastProgress', width: 40 },
    ];
    for (const i of data.items)
      sheet.addRow({
        number: i.number,
        title: i.title,
        meeting: i.meetingTitle,
        status: STATUS_TEXT[i.status] ?? i.status,
        light: i.light ? LIGHT_TEXT[i.light] : '',
        daysOverdue: i.daysOverdue,
        lead: i.leadOrganizationName ?? '',
        owner: i.ownerName ?? '',
        dueAt: i.dueAt ? i.dueAt.toISOString() : '',
        progress: i.progress,
        lastProgress: i.lastProgress?.note ?? '',
      });
    sheet.getRow(1).font = { bold: true };
    return { buffer: Buffer.from(await book.xlsx.writeBuffer()), title: `会前汇总-${data.meetingTitle}` };
  }
}
