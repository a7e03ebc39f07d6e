import { Writable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { createLogger, redactUrl } from './logger';
import { requestIdOf } from './request-id';

/** A logger writing into an array, at debug level, as in production (JSON). */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger({ logLevel: 'debug', nodeEnv: 'production' }, sink), text: () => lines.join('') };
}

describe('log redaction', () => {
  it('never writes passwords, hashes or tokens, at the top or nested', () => {
    const { log, text } = capture();
    log.info({ password: 'p1-secret', body: { password: 'p2-secret', passwordHash: '$argon2id$v=19$abc' }, token: 't-secret' }, 'x');
    log.info({ req: { headers: { authorization: 'Bearer jwt-secret', cookie: 'sid=c-secret' } } }, 'y');
    log.info({ deep: { person: { calendarToken: 'cal-secret', accessToken: 'a-secret' } } }, 'z');
    for (const secret of ['p1-secret', 'p2-secret', '$argon2id', 't-secret', 'jwt-secret', 'c-secret', 'cal-secret', 'a-secret']) {
      expect(text()).not.toContain(secret);
    }
    expect(text()).toContain('[Redacted]');
  });

  it("keeps a failed query's SQL and SQLSTATE, never its parameters or the failing row", () => {
    const { log, text } = capture();
    const err = Object.assign(new Error('new row for relation "people" violates check constraint "c"'), {
      code: '23514',
      query: 'INSERT INTO people (username, password_hash) VALUES ($1, $2)',
      parameters: ['bob', '$argon2id$v=19$m=19456$hash'],
      driverError: { parameters: ['bob', '$argon2id$v=19$m=19456$hash'] },
      detail: 'Failing row contains (bob, $argon2id$v=19$m=19456$hash).',
    });
    log.error({ err }, 'failed');
    const line = JSON.parse(text()) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ code: '23514', query: err.query, detail: 'Failing row contains ([Redacted])' });
    expect(text()).not.toContain('$argon2id');
  });

  it("hides the calendar feed's token in a logged URL", () => {
    expect(redactUrl('/api/v1/people/1/calendar.ics?token=abc123&x=1')).toBe('/api/v1/people/1/calendar.ics?token=[Redacted]&x=1');
    expect(redactUrl('/api/v1/people')).toBe('/api/v1/people');
  });

  it('maps LOG_LEVEL to pino levels: log is info, verbose is trace', () => {
    expect(createLogger({ logLevel: 'log', nodeEnv: 'production' }).level).toBe('info');
    expect(createLogger({ logLevel: 'verbose', nodeEnv: 'production' }).level).toBe('trace');
    expect(createLogger({ logLevel: 'warn', nodeEnv: 'production' }).level).toBe('warn');
  });
});

describe('request ids', () => {
  const req = (header?: string) => ({ headers: header === undefined ? {} : { 'x-request-id': header } }) as IncomingMessage;

  it("keeps a caller's plain id, replaces anything else by a UUID, and answers the same id twice", () => {
    expect(requestIdOf(req('trace-1.a:b_c-d'))).toBe('trace-1.a:b_c-d');
    for (const bad of ['', 'has space', 'x'.repeat(129), 'ünï', 'a\nb']) expect(requestIdOf(req(bad))).toMatch(/^[0-9a-f-]{36}$/);
    const r = req();
    expect(requestIdOf(r)).toBe(requestIdOf(r));
  });
});
