import { createTransport, type Transporter } from 'nodemailer';
import { escapeHtml, type Message } from '../message-templates';
import type { Channel, SendOutcome, SendRequest } from './channel';

/** The plain-text body. Pure. */
export function emailText(message: Message): string {
  return [message.summary, '', ...message.facts.map((f) => `${f.label}：${f.value}`), '', `${message.linkText}：${message.link}`].join(
    '\n',
  );
}

/** The HTML body; every value is escaped. Pure. */
export function emailHtml(message: Message): string {
  const rows = message.facts.map((f) => `<tr><th align="left">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('');
  return [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>${escapeHtml(message.heading)}</h2>`,
    `<p>${escapeHtml(message.summary)}</p>`,
    rows ? `<table cellpadding="4">${rows}</table>` : '',
    `<p><a href="${escapeHtml(message.link)}">${escapeHtml(message.linkText)}</a></p>`,
    '</body></html>',
  ].join('');
}

/**
 * E-mail over SMTP. A 5xx reply from the server (mailbox unknown, refused) is permanent; a 4xx reply
 * (greylisting, try later) and network errors are worth another try.
 */
export class EmailChannel implements Channel {
  readonly type = 'email' as const;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // Pooled: a few kept-open SMTP connections carry many messages (a burst of reminders would otherwise
    // open, greet and close one connection per e-mail).
    this.transport = createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 5,
      maxMessages: 100,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(request: SendRequest): Promise<SendOutcome> {
    if (!('email' in request.destination)) throw new Error('e-mail needs an address');
    const { email, name } = request.destination;
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: { name, address: email },
        subject: request.message.subject,
        text: emailText(request.message),
        html: emailHtml(request.message),
        messageId: `<${request.deliveryId}@duban>`,
        attachments: request.ics
          ? [{ filename: 'deadline.ics', content: request.ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }]
          : [],
      });
      return { ok: true, retry: false, httpStatus: null, vendorCode: null, message: String(info.response ?? 'ok') };
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, retry: !(code && code >= 500), httpStatus: null, vendorCode: code ?? null, message };
    }
  }

  close(): void {
    this.transport.close();
  }
}
