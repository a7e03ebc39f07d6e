/* eslint-disable @typescript-eslint/no-explicit-any */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { dingtalkSign, feishuSign } from '../../src/notifications/delivery/signers';

/** An in-process SMTP server on loopback; every message that arrives is parsed with mailparser. */
export class SmtpPeer {
  readonly mails: ParsedMail[] = [];
  private server!: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ParsedMail[] {
    return this.mails.filter((m) => JSON.stringify(m.to).includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export type RobotKind = 'dingtalk' | 'wecom' | 'feishu' | 'webhook';

/**
 * What the peer answers next for one robot: the vendor's own shapes; `gone` is a 410; an object is that
 * status with a `Retry-After` header (seconds or an HTTP date).
 */
export type Answer = 'ok' | 'rate-limited' | '500' | 'html' | 'gone' | { status: 429 | 503; retryAfter: string };

export interface Received {
  kind: RobotKind;
  robot: string;
  body: any;
  verified: boolean;
  /** The Standard Webhooks message id (webhooks only): stable per delivery, for a receiver to drop retries' copies. */
  webhookId?: string;
  /** When it arrived (ms since the epoch). */
  at?: number;
}

/**
 * One HTTP server standing in for every vendor's robots. Each robot is known by its token (DingTalk's
 * access_token, WeCom's key, Feishu's and the webhook's last path segment); the peer checks the
 * signature with the robot's real secret and answers like the vendor would: success, bad signature,
 * rate-limited, 500 or an HTML error page. Only verified messages that were answered with success
 * count as delivered.
 */
export class RobotPeer {
  readonly received: Received[] = [];
  /** Every request that reached a robot, answered however: when, and the answer's status. */
  readonly arrivals: { robot: string; at: number; status: number }[] = [];
  private readonly secrets = new Map<string, string>();
  private readonly scripts = new Map<string, Answer[]>();
  private server!: Server;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (raw += c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://peer');
        const [, kind, robot] = url.pathname.split('/') as [string, RobotKind, string];
        const answer = this.scripts.get(robot)?.shift() ?? 'ok';
        const body = JSON.parse(raw || '{}');
        const verified = this.verify(kind, robot, url, raw, body, req.headers as Record<string, string>);
        const reply = (status: number, payload: unknown, type = 'application/json', headers: Record<string, string> = {}) => {
          this.arrivals.push({ robot, at: Date.now(), status });
          res.writeHead(status, { 'content-type': type, ...headers });
          res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
        };
        if (answer === '500') return reply(500, { error: 'internal' });
        if (answer === 'gone') return reply(410, { error: 'this endpoint is gone' });
        if (typeof answer === 'object')
          return reply(answer.status, { error: 'later' }, 'application/json', { 'retry-after': answer.retryAfter });
        if (answer === 'html') return reply(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html');
        if (kind === 'webhook') {
          if (!verified) return reply(401, { error: 'bad signature' });
          if (answer === 'rate-limited') return reply(429, { error: 'slow down' });
          this.received.push({ kind, robot, body, verified, webhookId: String(req.headers['webhook-id']) });
          return reply(204, '');
        }
        if (kind === 'dingtalk') {
          if (!verified) return reply(200, { errcode: 310000, errmsg: 'sign not match' });
          if (answer === 'rate-limited') return reply(200, { errcode: 130101, errmsg: 'send too fast' });
          this.received.push({ kind, robot, body, verified, at: Date.now() });
          return reply(200, { errcode: 0, errmsg: 'ok' });
        }
        if (kind === 'wecom') {
          if (answer === 'rate-limited') return reply(200, { errcode: 45009, errmsg: 'api freq out of limit' });
          this.received.push({ kind, robot, body, verified: true });
          return reply(200, { errcode: 0, errmsg: 'ok' });
        }
        if (!verified) return reply(200, { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' });
        if (answer === 'rate-limited') return reply(200, { code: 11232, msg: 'frequency limited' });
        this.received.push({ kind, robot, body, verified });
        return reply(200, { code: 0, msg: 'success', data: {} });
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** A robot URL on this peer, and the secret the peer will check its signatures with. */
  robot(kind: RobotKind, robot: string, secret: string | null): string {
    if (secret) this.secrets.set(robot, secret);
    const base = `http://127.0.0.1:${this.port}/${kind}/${robot}`;
    if (kind === 'dingtalk') return `${base}?access_token=${robot}-token`;
    if (kind === 'wecom') return `${base}?key=${robot}-key`;
    return base;
  }

  /** The next answers for a robot, in order; after them, success. */
  script(robot: string, answers: Answer[]): void {
    this.scripts.set(robot, [...answers]);
  }

  delivered(robot: string): Received[] {
    return this.received.filter((r) => r.robot === robot);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private verify(kind: RobotKind, robot: string, url: URL, raw: string, body: any, headers: Record<string, string>): boolean {
    const secret = this.secrets.get(robot);
    if (!secret) return kind === 'wecom';
    if (kind === 'dingtalk') {
      const timestamp = Number(url.searchParams.get('timestamp'));
      if (Math.abs(Date.now() - timestamp) > 3_600_000) return false;
      return url.searchParams.get('sign') === decodeURIComponent(dingtalkSign(secret, timestamp));
    }
    if (kind === 'feishu') return body.sign === feishuSign(secret, Number(body.timestamp));
    if (kind === 'webhook') {
      try {
        new Webhook(secret).verify(raw, headers);
        return true;
      } catch {
        return false;
      }
    }
    return true;
  }
}
