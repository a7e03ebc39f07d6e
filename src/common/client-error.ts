import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/** What Node's HTTP parser hands to a `clientError` listener: the error and, for a parse error, the bytes it read. */
interface ClientError extends Error {
  code?: string;
  rawPacket?: Buffer;
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them. Node accepts only ASCII in a request
 * line, so a query string sent with raw UTF-8 bytes (as curl sends `?q=老年`) never reaches a route;
 * accepting it would take Node's lenient parser, which opens the door to request smuggling. Instead
 * the answer is the API's usual 400, naming the parameter that needs percent-encoding. Other parse
 * errors keep Fastify's answers (408 time-out, 431 headers too large, 400).
 */
export function clientErrorHandler(error: Error, socket: Socket): void {
  const err = error as ClientError;
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let body: Record<string, unknown> = { statusCode: 400, error: STATUS_CODES[400], message: 'the request is not valid HTTP' };
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    body = { statusCode: 408, error: STATUS_CODES[408], message: 'the request took too long to arrive' };
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    body = { statusCode: 431, error: STATUS_CODES[431], message: 'the request headers are too large' };
  } else {
    const field = rawBytesField(err.rawPacket);
    if (field) {
      const message = `${field} holds characters that are not percent-encoded; encode the query string as UTF-8 percent-escapes (老年 → %E8%80%81%E5%B9%B4)`;
      body = {
        statusCode: 400,
        error: STATUS_CODES[400],
        code: 'REQUEST_LINE_NOT_ENCODED',
        message,
        details: [{ field, rule: 'percentEncoded', message }],
      };
    }
  }
  if (socket.writable) {
    const text = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}

/**
 * The query parameter (or `path`) of the request line that holds bytes outside ASCII, if any. Names
 * are decoded for the message; a name that is itself raw bytes is shown as UTF-8 as far as it goes.
 */
export function rawBytesField(packet: Buffer | undefined): string | undefined {
  if (!packet) return undefined;
  const end = packet.indexOf('\r\n');
  const line = end < 0 ? packet : packet.subarray(0, end);
  const firstSpace = line.indexOf(0x20);
  const lastSpace = line.lastIndexOf(0x20);
  if (firstSpace < 0) return undefined;
  const target = line.subarray(firstSpace + 1, lastSpace > firstSpace ? lastSpace : line.length);
  if (!target.some((b) => b >= 0x80)) return undefined;
  const question = target.indexOf(0x3f);
  const path = question < 0 ? target : target.subarray(0, question);
  if (path.some((b) => b >= 0x80)) return 'path';
  for (const pair of target
    .subarray(question + 1)
    .toString('latin1')
    .split('&')) {
    if (![...pair].some((c) => c.charCodeAt(0) >= 0x80)) continue;
    const name = pair.split('=')[0];
    return Buffer.from(name, 'latin1').toString('utf8').slice(0, 100) || 'query';
  }
  return 'query';
}
