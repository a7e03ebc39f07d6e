import { DateTime } from 'luxon';
import { cachedZone } from '../calendars/cached-zone';
import type { NotificationKind } from './notification.entity';

export interface NoticeSubject {
  number: number;
  title: string;
  dueAt: Date | null;
  zone: string;
}

export interface NoticeDetail {
  level?: number | null;
  note?: string | null;
  /** For extension decisions. */
  approved?: boolean;
  missedReports?: number;
}

const LEVEL_NAMES: Record<number, string> = { 1: '催办', 2: '督办', 3: '通报' };

function due(s: NoticeSubject): string {
  return s.dueAt ? DateTime.fromJSDate(s.dueAt, { zone: cachedZone(s.zone) }).toFormat('yyyy年M月d日 HH:mm') : '未定';
}

/** The Chinese title and body of a notification, written for the cadre who reads it. */
export function noticeText(kind: NotificationKind, s: NoticeSubject, d: NoticeDetail = {}): { title: string; body: string } {
  const item = `第${s.number}号事项「${s.title}」`;
  const note = d.note ? `\n说明：${d.note}` : '';
  switch (kind) {
    case 'assigned':
      return { title: `【交办】${s.title}`, body: `${item}已交办给您，完成时限 ${due(s)}，请及时签收。${note}` };
    case 'acceptance_overdue':
      return { title: `【签收提醒】${s.title}`, body: `${item}已交办，尚未签收，请尽快签收并开始办理。` };
    case 'due_soon':
      return { title: `【到期提醒】${s.title}`, body: `${item}将于 ${due(s)} 到期，请抓紧办理。` };
    case 'overdue':
      return { title: `【${LEVEL_NAMES[d.level ?? 1]}】${s.title}已逾期`, body: `${item}已超过完成时限 ${due(s)}，请立即办理并报告进展。` };
    case 'escalated':
      return {
        title: `【${LEVEL_NAMES[d.level ?? 2]}】${s.title}`,
        body: `${item}逾期未办结（时限 ${due(s)}），已升级为${LEVEL_NAMES[d.level ?? 2]}（第${d.level}级）。`,
      };
    case 'urged':
      return { title: `【催办】${s.title}`, body: `督查组对${item}进行催办，请加快办理。${note}` };
    case 'progress_report_due':
      return { title: `【进展报送】${s.title}`, body: `请按周期报送${item}的办理进展。` };
    case 'progress_report_missed':
      return { title: `【进展逾期未报】${s.title}`, body: `${item}本周期进展未按时报送（累计 ${d.missedReports ?? 1} 次），请立即报送。` };
    case 'stagnant':
      return { title: `【停滞提醒】${s.title}`, body: `${item}长时间没有进展报告，请报送最新进展。` };
    case 'extension_decided':
      return d.approved
        ? { title: `【延期已批准】${s.title}`, body: `${item}的延期申请已批准，新的完成时限为 ${due(s)}。${note}` }
        : { title: `【延期未批准】${s.title}`, body: `${item}的延期申请未获批准，完成时限仍为 ${due(s)}。${note}` };
    case 'returned':
      return { title: `【退回】${s.title}`, body: `${item}的销号申请被退回，请继续办理。${note}` };
    case 'closed':
      return { title: `【已销号】${s.title}`, body: `${item}经督查组核验，已销号。${note}` };
    case 'cancelled':
      return { title: `【已撤销】${s.title}`, body: `${item}已撤销，无需继续办理。${note}` };
    case 'bulletin':
      return { title: '【督查通报】', body: `督查通报已生成。${note}` };
  }
}
