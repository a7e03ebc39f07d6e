import { DateTime } from 'luxon';
import { METHOD_TEXT, percentText, RATING_TEXT, type BulletinContent } from '../bulletin-content';

export type Cell = string | number;

/** One table of a bulletin; every format renders the same sections, so they carry the same figures. */
export interface Section {
  key: 'summary' | 'overdue' | 'byOrganization' | 'missedReports' | 'checks';
  title: string;
  headers: string[];
  rows: Cell[][];
}

export const LEVEL_TEXT: Record<number, string> = { 0: '—', 1: '催办', 2: '督办', 3: '通报' };

/** One formatter per zone: a bulletin formats thousands of instants, and luxon set one up for each. */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
const formatterIn = (zone: string) => {
  let f = FORMATTERS.get(zone);
  if (!f) {
    const options = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
    f = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone });
    FORMATTERS.set(zone, f);
  }
  return f;
};

/** An instant as people of the council read it: `2026-03-10 23:59` in its zone. */
export function localTime(iso: string, zone: string): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatterIn(zone).formatToParts(new Date(iso));
  } catch {
    return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat('yyyy-MM-dd HH:mm'); // a zone Intl does not know
  }
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of parts) p[part.type] = part.value;
  return `${(p.year ?? '').padStart(4, '0')}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function localDate(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat('yyyy-MM-dd');
}

export function bulletinTitle(c: BulletinContent): string {
  return `${c.councilName}督查通报（${localDate(c.periodStart, c.timezone)}至${localDate(c.periodEnd, c.timezone)}）`;
}

/** The paragraph that opens the document, in the words councils use. */
export function summaryParagraph(c: BulletinContent): string {
  const s = c.summary;
  return (
    `本期（${localDate(c.periodStart, c.timezone)}至${localDate(c.periodEnd, c.timezone)}）新增决定事项${s.new}项，` +
    `办结${s.closed}项，其中按期办结${s.closedOnTime}项；截至${localTime(c.asOf, c.timezone)}，逾期未办结${s.overdue}项。` +
    `本期升级催办${s.escalations[1]}次、督办${s.escalations[2]}次、通报${s.escalations[3]}次；` +
    `未按期报送进展${c.missedReports.length}次，开展督查检查${c.checks.length}次。`
  );
}

export function sections(c: BulletinContent): Section[] {
  const z = c.timezone;
  return [
    {
      key: 'summary',
      title: '概况',
      headers: ['指标', '数值'],
      rows: [
        ['新增事项', c.summary.new],
        ['办结', c.summary.closed],
        ['按期办结', c.summary.closedOnTime],
        ['期末逾期', c.summary.overdue],
        ['催办（1级）', c.summary.escalations[1]],
        ['督办（2级）', c.summary.escalations[2]],
        ['通报（3级）', c.summary.escalations[3]],
      ],
    },
    {
      key: 'overdue',
      title: '逾期事项',
      headers: ['编号', '事项', '逾期天数', '督办级别', '牵头单位', '责任人', '期限'],
      rows: c.overdue.map((o) => [
        o.number,
        o.title,
        o.daysOverdue,
        LEVEL_TEXT[o.escalationLevel] ?? String(o.escalationLevel),
        o.leadOrganizationName ?? '',
        o.ownerName ?? '',
        localTime(o.dueAt, z),
      ]),
    },
    {
      key: 'byOrganization',
      title: '单位情况',
      headers: ['单位', '在办', '逾期', '办结', '按期办结', '按原期限按期办结', '协办', '按期率', '按原期限按期率'],
      rows: c.byOrganization.map((u) => [
        u.name,
        u.open,
        u.overdue,
        u.closed,
        u.closedOnTime,
        u.closedOnTimeOriginal,
        u.coHandled,
        percentText(u.onTimeRate),
        percentText(u.onTimeRateOriginal),
      ]),
    },
    {
      key: 'missedReports',
      title: '未按期报送进展',
      headers: ['编号', '事项', '牵头单位', '责任人', '时间'],
      rows: c.missedReports.map((m) => [m.number, m.title, m.leadOrganizationName ?? '', m.ownerName ?? '', localTime(m.missedAt, z)]),
    },
    {
      key: 'checks',
      title: '督查检查',
      headers: ['编号', '事项', '时间', '方式', '检查人', '评价', '发现'],
      rows: c.checks.map((k) => [
        k.number,
        k.title,
        localTime(k.checkedAt, z),
        METHOD_TEXT[k.method] ?? k.method,
        k.inspectors.join('、'),
        RATING_TEXT[k.rating] ?? k.rating,
        k.findings,
      ]),
    },
  ];
}
