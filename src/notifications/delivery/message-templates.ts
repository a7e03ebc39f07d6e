import { DateTime } from 'luxon';
import { cachedZone } from '../../calendars/cached-zone';
import type { NotificationKind } from '../notification.entity';

export type Locale = 'zh-CN' | 'en';

export interface MessageFacts {
  kind: NotificationKind;
  level: number | null;
  /** Null for a message about no single item (a bulletin). */
  resolution: { id: string; number: number; title: string; dueAt: Date | null; confidential: boolean } | null;
  zone: string;
  now: Date;
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  locale: Locale;
}

/** A message before any channel's formatting: a heading, labelled facts, and the link. */
export interface Message {
  subject: string;
  heading: string;
  summary: string;
  facts: { label: string; value: string }[];
  link: string;
  linkText: string;
  /** True when the item is confidential: nothing but the notice sentence and the link goes out. */
  confidential: boolean;
}

const KIND_LABEL: Record<NotificationKind, { 'zh-CN': string; en: string }> = {
  assigned: { 'zh-CN': '交办', en: 'Assigned' },
  acceptance_overdue: { 'zh-CN': '签收提醒', en: 'Not yet accepted' },
  due_soon: { 'zh-CN': '到期提醒', en: 'Due soon' },
  overdue: { 'zh-CN': '逾期', en: 'Overdue' },
  escalated: { 'zh-CN': '升级督办', en: 'Escalated' },
  urged: { 'zh-CN': '催办', en: 'Urged' },
  progress_report_due: { 'zh-CN': '进展报送', en: 'Progress report due' },
  progress_report_missed: { 'zh-CN': '进展逾期未报', en: 'Progress report missed' },
  stagnant: { 'zh-CN': '停滞提醒', en: 'No progress' },
  extension_decided: { 'zh-CN': '延期审批', en: 'Extension decided' },
  returned: { 'zh-CN': '退回', en: 'Returned' },
  closed: { 'zh-CN': '已销号', en: 'Closed' },
  cancelled: { 'zh-CN': '已撤销', en: 'Cancelled' },
  bulletin: { 'zh-CN': '督查通报', en: 'Bulletin' },
};

const SUMMARY: Record<NotificationKind, { 'zh-CN': string; en: string }> = {
  assigned: { 'zh-CN': '事项已交办给您，请及时签收。', en: 'An item has been assigned to you; please accept it.' },
  acceptance_overdue: { 'zh-CN': '事项已交办，尚未签收，请尽快签收。', en: 'An item assigned to you has not been accepted yet.' },
  due_soon: { 'zh-CN': '事项即将到期，请抓紧办理。', en: 'An item is due soon.' },
  overdue: { 'zh-CN': '事项已超过完成时限，请立即办理并报告进展。', en: 'An item is past its deadline; act and report progress now.' },
  escalated: { 'zh-CN': '事项逾期未办结，已升级督办。', en: 'An overdue item has been escalated.' },
  urged: { 'zh-CN': '督查组对事项进行催办，请加快办理。', en: 'The supervisors urge you to move this item forward.' },
  progress_report_due: { 'zh-CN': '请按周期报送事项的办理进展。', en: 'A progress report is due.' },
  progress_report_missed: { 'zh-CN': '本周期进展未按时报送，请立即报送。', en: 'A progress report was missed; report now.' },
  stagnant: { 'zh-CN': '事项长时间没有进展报告，请报送最新进展。', en: 'No progress has been reported for a long time.' },
  extension_decided: { 'zh-CN': '事项的延期申请已有审批结果。', en: 'The extension request has been decided.' },
  returned: { 'zh-CN': '事项的销号申请被退回，请继续办理。', en: 'The completion request was returned; please continue.' },
  closed: { 'zh-CN': '事项经督查组核验，已销号。', en: 'The item has been verified and closed.' },
  cancelled: { 'zh-CN': '事项已撤销，无需继续办理。', en: 'The item has been cancelled.' },
  bulletin: { 'zh-CN': '督查通报已生成。', en: 'A supervision bulletin has been published.' },
};

const LEVEL_NAME: Record<number, { 'zh-CN': string; en: string }> = {
  1: { 'zh-CN': '催办', en: 'reminder' },
  2: { 'zh-CN': '督办', en: 'supervision' },
  3: { 'zh-CN': '通报', en: 'public notice' },
};

/** What a confidential item may say outward, whoever reads it. */
export const CONFIDENTIAL_NOTICE: Record<Locale, string> = {
  'zh-CN': '您有一条督办事项需要处理',
  en: 'You have a supervision item that needs your attention',
};

/** Whole days between the deadline and now, once the deadline has passed. */
export function daysOverdue(dueAt: Date | null, now: Date): number {
  if (!dueAt || now.getTime() <= dueAt.getTime()) return 0;
  return Math.floor((now.getTime() - dueAt.getTime()) / 86_400_000);
}

/** Builds the message for one notification kind in one language. Pure. */
export function buildMessage(f: MessageFacts): Message {
  const zh = f.locale !== 'en';
  const loc: Locale = zh ? 'zh-CN' : 'en';
  const link = f.resolution ? `${f.publicUrl}/resolutions/${f.resolution.id}` : `${f.publicUrl}/`;
  const linkText = zh ? '查看详情' : 'Open in Duban';
  if (f.resolution?.confidential) {
    const notice = CONFIDENTIAL_NOTICE[loc];
    return { subject: `【督办】${notice}`, heading: notice, summary: notice, facts: [], link, linkText, confidential: true };
  }
  const label = KIND_LABEL[f.kind][loc];
  const r = f.resolution;
  const title = r?.title ?? label;
  const facts: Message['facts'] = [];
  if (r) {
    facts.push({ label: zh ? '编号' : 'Number', value: zh ? `第${r.number}号` : `No. ${r.number}` });
    facts.push({ label: zh ? '事项' : 'Item', value: r.title });
    if (r.dueAt) {
      const due = DateTime.fromJSDate(r.dueAt, { zone: cachedZone(f.zone) });
      facts.push({
        label: zh ? '完成时限' : 'Deadline',
        value: zh ? `${due.toFormat('yyyy年M月d日 HH:mm')}（${f.zone}）` : `${due.toFormat('yyyy-MM-dd HH:mm')} (${f.zone})`,
      });
    }
    const late = daysOverdue(r.dueAt, f.now);
    if (late > 0) facts.push({ label: zh ? '逾期' : 'Overdue', value: zh ? `${late} 天` : `${late} day${late === 1 ? '' : 's'}` });
  }
  if (f.level) {
    const name = LEVEL_NAME[f.level]?.[loc] ?? '';
    facts.push({
      label: zh ? '级别' : 'Level',
      value: zh ? `第${f.level}级${name ? `（${name}）` : ''}` : `${f.level}${name ? ` (${name})` : ''}`,
    });
  }
  return {
    subject: zh ? `【督办】${label}：${title}` : `[Duban] ${label}: ${title}`,
    heading: `${label}：${title}`,
    summary: SUMMARY[f.kind][loc],
    facts,
    link,
    linkText,
    confidential: false,
  };
}

/** Cuts text to at most `maxBytes` of UTF-8, whole characters only, marking the cut with an ellipsis. */
export function fitBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const chars = [...text];
  let bytes = Buffer.byteLength('…', 'utf8');
  let out = '';
  for (const c of chars) {
    const size = Buffer.byteLength(c, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    out += c;
  }
  return `${out}…`;
}

/** The facts as markdown lines (robots). Titles are long sometimes; the caller bounds the whole. */
export function markdownFacts(m: Message): string[] {
  return m.facts.map((f) => `- **${f.label}**：${escapeMarkdown(f.value)}`);
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#])/g, '\\$1');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
