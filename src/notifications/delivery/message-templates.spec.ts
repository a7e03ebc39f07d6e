import { NOTIFICATION_KINDS } from '../../common/notification-kinds';
import { DingtalkChannel, dingtalkBody } from './channels/dingtalk.channel';
import { emailHtml, emailText } from './channels/email.channel';
import { feishuCard } from './channels/feishu.channel';
import { wecomBody } from './channels/wecom.channel';
import { buildMessage, daysOverdue, fitBytes, type MessageFacts } from './message-templates';

const base: MessageFacts = {
  kind: 'escalated',
  level: 2,
  resolution: { id: 'r1', number: 12, title: '拆除违建厂房', dueAt: new Date('2026-03-01T10:00:00Z'), confidential: false },
  zone: 'Asia/Shanghai',
  now: new Date('2026-03-04T11:00:00Z'),
  publicUrl: 'https://duban.example.cn',
  locale: 'zh-CN',
};

describe('buildMessage', () => {
  it('carries number, title, deadline in the council zone, days overdue, level and link (zh-CN)', () => {
    const m = buildMessage(base);
    expect(m.subject).toBe('【督办】升级督办：拆除违建厂房');
    expect(m.facts).toEqual([
      { label: '编号', value: '第12号' },
      { label: '事项', value: '拆除违建厂房' },
      { label: '完成时限', value: '2026年3月1日 18:00（Asia/Shanghai）' },
      { label: '逾期', value: '3 天' },
      { label: '级别', value: '第2级（督办）' },
    ]);
    expect(m.link).toBe('https://duban.example.cn/resolutions/r1');
  });

  it('speaks English for locale en', () => {
    const m = buildMessage({ ...base, locale: 'en' });
    expect(m.subject).toBe('[Duban] Escalated: 拆除违建厂房');
    expect(m.facts.map((f) => f.label)).toEqual(['Number', 'Item', 'Deadline', 'Overdue', 'Level']);
    expect(m.facts[3].value).toBe('3 days');
  });

  it('says only the notice and the link for a confidential item', () => {
    const m = buildMessage({ ...base, resolution: { ...base.resolution!, confidential: true } });
    expect(m).toMatchObject({ subject: '【督办】您有一条督办事项需要处理', facts: [], confidential: true });
    const everything = JSON.stringify([m, emailText(m), emailHtml(m), dingtalkBody(m, []), wecomBody(m, []), feishuCard(m, [])]);
    expect(everything).not.toContain('拆除违建厂房');
    expect(everything).toContain('https://duban.example.cn/resolutions/r1');
  });

  it('has a subject and summary for every kind in both languages', () => {
    for (const kind of NOTIFICATION_KINDS)
      for (const locale of ['zh-CN', 'en'] as const) {
        const m = buildMessage({ ...base, kind, locale });
        expect(m.subject.length).toBeGreaterThan(8);
        expect(m.summary.length).toBeGreaterThan(4);
      }
  });

  it('counts whole days overdue and nothing before the deadline', () => {
    expect(daysOverdue(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-01T23:59:00Z'))).toBe(0);
    expect(daysOverdue(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-03T00:00:00Z'))).toBe(2);
    expect(daysOverdue(new Date('2026-03-05T00:00:00Z'), new Date('2026-03-03T00:00:00Z'))).toBe(0);
    expect(daysOverdue(null, new Date())).toBe(0);
  });
});

describe('robot formats stay under the vendors limits with a very long title', () => {
  const long = buildMessage({ ...base, resolution: { ...base.resolution!, title: '很长的标题'.repeat(2000) } });
  const mentions = Array.from({ length: 30 }, (_, i) => ({
    personId: `p${i}`,
    name: `人员${i}`,
    mobile: `1380000${String(i).padStart(4, '0')}`,
    dingtalkUserId: null,
    wecomUserId: i % 2 ? `wecom${i}` : null,
  }));

  it('DingTalk: mobiles in at.atMobiles and in the text, link kept, under 4000 bytes of text', () => {
    const body = dingtalkBody(long, mentions);
    expect(Buffer.byteLength(body.markdown.text)).toBeLessThanOrEqual(4000);
    expect(body.at.atMobiles).toHaveLength(30);
    for (const m of mentions) expect(body.markdown.text).toContain(`@${m.mobile}`);
    expect(body.markdown.text).toContain(long.link);
  });

  it('WeCom: text with mentioned_mobile_list when someone has only a mobile, under 2048 bytes', () => {
    const body = wecomBody(long, mentions) as {
      msgtype: string;
      text: { content: string; mentioned_mobile_list: string[]; mentioned_list: string[] };
    };
    expect(body.msgtype).toBe('text');
    expect(Buffer.byteLength(body.text.content)).toBeLessThanOrEqual(2048);
    expect(body.text.mentioned_mobile_list).toHaveLength(15);
    expect(body.text.mentioned_list).toHaveLength(15);
    expect(body.text.content).toContain(long.link);
  });

  it('WeCom: markdown with <@userid> when everyone has a WeCom id, under 4096 bytes', () => {
    const body = wecomBody(
      long,
      mentions.filter((m) => m.wecomUserId),
    ) as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(Buffer.byteLength(body.markdown.content)).toBeLessThanOrEqual(4096);
    expect(body.markdown.content).toContain('<@wecom1>');
  });

  it('Feishu: the whole body under 20 KB', () => {
    expect(Buffer.byteLength(JSON.stringify(feishuCard(long, mentions)))).toBeLessThan(20 * 1024);
  });

  it('fitBytes never cuts a character in half', () => {
    const cut = fitBytes('督办'.repeat(10), 10);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(10);
    expect(cut).toBe('督办…');
  });

  it('DingtalkChannel is a channel of type dingtalk', () => {
    expect(new DingtalkChannel({} as never).type).toBe('dingtalk');
  });
});
