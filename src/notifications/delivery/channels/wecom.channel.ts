import { fitBytes, markdownFacts, type Message } from '../message-templates';
import type { OutboundHttp } from '../outbound-http';
import { judgeVendorCode, postAndJudge, robotDestination, type Channel, type Mention, type SendOutcome, type SendRequest } from './channel';

/** 45009: frequency limit; -1: system busy. */
const RATE_LIMITED = [45009, -1];
const MAX_TEXT_BYTES = 2048;
const MAX_MARKDOWN_BYTES = 4096;

/**
 * WeCom mentions people in markdown only by user id (`<@userid>`); `mentioned_mobile_list` works only on
 * text messages. So: markdown when everyone to mention has a WeCom user id, plain text (with both
 * mention lists) when someone can be reached only by mobile. Pure.
 */
export function wecomBody(message: Message, mentions: Mention[]) {
  const byMobileOnly = mentions.filter((m) => !m.wecomUserId && m.mobile);
  const userIds = [...new Set(mentions.map((m) => m.wecomUserId).filter((x): x is string => !!x))];
  if (byMobileOnly.length === 0) {
    const tail = userIds.map((u) => `<@${u}>`).join(' ');
    const link = `\n[${message.linkText}](${message.link})${tail ? `\n${tail}` : ''}`;
    const head = [`### ${message.heading}`, message.summary, ...markdownFacts(message)].join('\n');
    return { msgtype: 'markdown', markdown: { content: fitBytes(head, MAX_MARKDOWN_BYTES - Buffer.byteLength(link)) + link } };
  }
  const link = `\n${message.linkText}：${message.link}`;
  const head = [message.heading, message.summary, ...message.facts.map((f) => `${f.label}：${f.value}`)].join('\n');
  return {
    msgtype: 'text',
    text: {
      content: fitBytes(head, MAX_TEXT_BYTES - Buffer.byteLength(link)) + link,
      mentioned_list: userIds,
      mentioned_mobile_list: [...new Set(byMobileOnly.map((m) => m.mobile!))],
    },
  };
}

/** The key in the URL is the credential: WeCom robots are not signed. */
export class WecomChannel implements Channel {
  readonly type = 'wecom' as const;
  constructor(private readonly http: OutboundHttp) {}

  send(request: SendRequest): Promise<SendOutcome> {
    const { url } = robotDestination(request);
    const body = JSON.stringify(wecomBody(request.message, request.mentions));
    return postAndJudge(
      () => this.http.post(url, body, {}),
      (answer) => judgeVendorCode(answer, 'errcode', 'errmsg', RATE_LIMITED),
      request.now,
    );
  }
}
