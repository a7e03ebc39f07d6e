import { feishuSign } from '../signers';
import { fitBytes, markdownFacts, type Message } from '../message-templates';
import type { OutboundHttp } from '../outbound-http';
import { judgeVendorCode, postAndJudge, robotDestination, type Channel, type Mention, type SendOutcome, type SendRequest } from './channel';

/** 11232 and 9499: rate limited. */
const RATE_LIMITED = [11232, 9499];
/** The whole body must stay under 20 KB; the card's text gets well under that. */
const MAX_CONTENT_BYTES = 16_000;

/**
 * An interactive card: a header, the facts in lark_md, a button that opens the item. A Feishu @ needs
 * the person's open_id, which people's records do not hold, so recipients are named in the text. Pure.
 */
export function feishuCard(message: Message, mentions: Mention[]) {
  const names = mentions.length ? `\n${mentions.map((m) => `@${m.name}`).join(' ')}` : '';
  const content = fitBytes([message.summary, ...markdownFacts(message)].join('\n'), MAX_CONTENT_BYTES - Buffer.byteLength(names)) + names;
  return {
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: { template: 'red', title: { tag: 'plain_text', content: fitBytes(message.heading, 300) } },
      elements: [
        { tag: 'div', text: { tag: 'lark_md', content } },
        {
          tag: 'action',
          actions: [{ tag: 'button', type: 'primary', text: { tag: 'plain_text', content: message.linkText }, url: message.link }],
        },
      ],
    },
  };
}

export class FeishuChannel implements Channel {
  readonly type = 'feishu' as const;
  constructor(private readonly http: OutboundHttp) {}

  send(request: SendRequest): Promise<SendOutcome> {
    const { url, secret } = robotDestination(request);
    const card = feishuCard(request.message, request.mentions);
    const timestamp = Math.floor(request.now.getTime() / 1000);
    const body = JSON.stringify(secret ? { timestamp: String(timestamp), sign: feishuSign(secret, timestamp), ...card } : card);
    return postAndJudge(
      () => this.http.post(url, body, {}),
      (answer) => judgeVendorCode(answer, 'code', 'msg', RATE_LIMITED),
      request.now,
    );
  }
}
