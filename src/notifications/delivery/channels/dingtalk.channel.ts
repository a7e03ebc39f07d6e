import { dingtalkSign } from '../signers';
import { fitBytes, markdownFacts, type Message } from '../message-templates';
import type { OutboundHttp } from '../outbound-http';
import { judgeVendorCode, postAndJudge, robotDestination, type Channel, type Mention, type SendOutcome, type SendRequest } from './channel';

/** DingTalk's rate-limit answer ("send too fast": over 20 a minute, then blocked for 10 minutes). */
const RATE_LIMITED = [130101];
/** DingTalk markdown messages are refused well above this; staying under it leaves room for the mentions. */
const MAX_TEXT_BYTES = 4000;

/** The markdown body, @-mentioning by mobile (which must appear in the text too) and by user id. Pure. */
export function dingtalkBody(message: Message, mentions: Mention[]) {
  const mobiles = [...new Set(mentions.map((m) => m.mobile).filter((x): x is string => !!x))];
  const userIds = [...new Set(mentions.filter((m) => !m.mobile && m.dingtalkUserId).map((m) => m.dingtalkUserId!))];
  const tail = [...mobiles.map((m) => `@${m}`), ...userIds.map((u) => `@${u}`)].join(' ');
  const head = [`### ${message.heading}`, '', message.summary, '', ...markdownFacts(message)].join('\n');
  const link = `\n\n[${message.linkText}](${message.link})`;
  const mentionLine = tail ? `\n\n${tail}` : '';
  const text = fitBytes(head, MAX_TEXT_BYTES - Buffer.byteLength(link + mentionLine)) + link + mentionLine;
  return {
    msgtype: 'markdown',
    markdown: { title: fitBytes(message.heading, 100), text },
    at: { atMobiles: mobiles, atUserIds: userIds, isAtAll: false },
  };
}

export class DingtalkChannel implements Channel {
  readonly type = 'dingtalk' as const;
  constructor(private readonly http: OutboundHttp) {}

  send(request: SendRequest): Promise<SendOutcome> {
    const { url, secret } = robotDestination(request);
    const target = new URL(url);
    if (secret) {
      const timestamp = request.now.getTime();
      target.searchParams.set('timestamp', String(timestamp));
      // Already URL-encoded by the signer; set it raw so it is not encoded twice.
      target.search = `${target.search}&sign=${dingtalkSign(secret, timestamp)}`;
    }
    const body = JSON.stringify(dingtalkBody(request.message, request.mentions));
    return postAndJudge(
      () => this.http.post(target.toString(), body, {}),
      (answer) => judgeVendorCode(answer, 'errcode', 'errmsg', RATE_LIMITED),
      request.now,
    );
  }
}
