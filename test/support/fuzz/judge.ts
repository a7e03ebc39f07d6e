/** Sending a fuzz request, judging the answer, reporting failures and tallying statuses. */
import { ConsoleLogger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { ApiResponse } from '../api-client';
import { fieldsOf } from '../bad-input/types';
import type { Fixture, Who } from './fixture';
import { label, type Method, type Operation, UNDOCUMENTED } from './operations';
import type { FileSpec, FuzzRequest, Payload } from './requests';
import { CURRENT_VERSION } from './values';

/** A request the server has not answered by then counts as a failure (a hang is no better than a 500). */
const ANSWER_TIMEOUT_MS = 15_000;

interface Sent {
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
  /** The body as a person reads it in a failure report. */
  preview: string;
}

interface Answer {
  status: number;
  body: any;
  /** Set when no HTTP answer came (connection reset, timeout). */
  failure?: string;
}

const clip = (text: string, max = 1500) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

function csvText(spec: Extract<FileSpec, { kind: 'csv' }>): string {
  const quoted = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
  const cellText = (cell: string) => (spec.quoting === 'all' || (spec.quoting === 'needed' && /[",\r\n]/.test(cell)) ? quoted(cell) : cell);
  return `${spec.bom ? '\ufeff' : ''}${spec.rows.map((row) => row.map(cellText).join(',')).join(spec.eol)}${spec.eol}`;
}

export async function fileBytes(spec: FileSpec): Promise<Uint8Array> {
  if (spec.kind === 'bytes') return spec.bytes;
  if (spec.kind === 'csv') return Buffer.from(csvText(spec), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('决定事项');
  spec.rows.forEach((row, i) =>
    row.forEach((c, j) => {
      const cell = sheet.getCell(i + 1, j + 1);
      cell.value = c.value;
      if (c.numFmt) cell.numFmt = c.numFmt;
    }),
  );
  try {
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  } catch {
    // exceljs cannot write every generated cell: such a request is skipped, not counted as a failure.
    fc.pre(false);
    throw new Error('unreachable');
  }
}

function deepText(payload: Extract<Payload, { kind: 'deep' }>): string {
  const [open, close] = payload.shape === 'array' ? ['[', ']'] : ['{"a":', '}'];
  return `{${JSON.stringify(payload.field)}:${open.repeat(payload.depth)}1${close.repeat(payload.depth)}}`;
}

const RESOLUTION_IN_PATH = /\/resolutions\/([0-9a-f-]{36})(?:\/|$)/;

/** Turns a generated request into what goes on the wire (the current version, files, deep text). */
export async function materialise(op: Operation, req: FuzzRequest, fx: Fixture): Promise<Sent> {
  const headers: Record<string, string> = {};
  const authorization = req.caller.who === 'forged' ? req.caller.authorization : tokenOf(fx, op, req.caller.who);
  if (authorization !== undefined) headers.authorization = authorization;
  const url = `${req.path}${req.query ? `?${req.query}` : ''}`;
  const p = req.payload;
  switch (p.kind) {
    case 'none':
      return { url, headers, preview: '(no body)' };
    case 'json': {
      const version = fx.versions.get(RESOLUTION_IN_PATH.exec(req.path)?.[1] ?? '') ?? 1;
      const text = JSON.stringify(p.value, (_key, v: unknown) => (v === CURRENT_VERSION ? version : v)) ?? '';
      headers['content-type'] = 'application/json';
      return { url, headers, body: text, preview: text };
    }
    case 'text':
      if (p.contentType !== undefined) headers['content-type'] = p.contentType;
      return { url, headers, body: p.text, preview: `${JSON.stringify(p.text)} as ${p.contentType ?? 'text/plain (fetch default)'}` };
    case 'bytes':
      return {
        url,
        headers,
        body: p.bytes,
        preview: `${p.bytes.length} raw bytes without a content type: ${Buffer.from(p.bytes).toString('hex').slice(0, 200)}`,
      };
    case 'deep': {
      const text = deepText(p);
      headers['content-type'] = 'application/json';
      return {
        url,
        headers,
        body: text,
        preview: `${p.field} nested ${p.depth} levels deep (${p.shape}s), ${text.length} bytes: ${text.slice(0, 80)}…`,
      };
    }
    case 'oversize': {
      const text = JSON.stringify({ padding: 'x'.repeat(fx.t.config.bodyLimitBytes) });
      headers['content-type'] = 'application/json';
      return { url, headers, body: text, preview: `a JSON object of ${text.length} bytes (limit ${fx.t.config.bodyLimitBytes})` };
    }
    case 'multipart': {
      const form = new FormData();
      const described: string[] = [];
      for (const part of p.parts) {
        if ('value' in part) {
          form.append(part.field, part.value);
          described.push(`field ${JSON.stringify(part.field)} = ${JSON.stringify(part.value)}`);
        } else {
          const bytes = await fileBytes(part.file);
          form.append(part.field, new Blob([new Uint8Array(bytes)], { type: part.type }), part.filename);
          const content =
            part.file.kind === 'csv'
              ? JSON.stringify(csvText(part.file))
              : part.file.kind === 'xlsx'
                ? `XLSX rows ${JSON.stringify(part.file.rows)}`
                : `bytes ${Buffer.from(bytes).toString('hex').slice(0, 200)}`;
          described.push(
            `file ${JSON.stringify(part.field)} named ${JSON.stringify(part.filename)} (${part.type || 'no type'}, ${bytes.length} bytes): ${clip(content, 800)}`,
          );
        }
      }
      return { url, headers, body: form, preview: `multipart/form-data:\n      ${described.join('\n      ')}` };
    }
    default:
      throw new Error(`unhandled payload ${JSON.stringify(p satisfies never)}`);
  }
}

/** The caller's header; a person of the sacrificial world for the operations that work on it. */
function tokenOf(fx: Fixture, op: Operation, who: Who): string | undefined {
  if (who === 'anonymous' || who === 'forged') return undefined;
  const token = who === 'admin' ? fx.t.admin.token : (op.sacrificial ? fx.spare : fx.w).as[who].token;
  return `Bearer ${token}`;
}

export async function deliver(op: Operation, sent: Sent, fx: Fixture): Promise<Answer> {
  try {
    const res = await fetch(`${fx.t.baseUrl}${sent.url}`, {
      method: op.method,
      headers: sent.headers,
      body: sent.body,
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: kept as text (the calendar feed; or an error that is not JSON, which the judge names)
    }
    return { status: res.status, body };
  } catch (err) {
    const cause = (err as Error).cause;
    return {
      status: 0,
      body: null,
      failure: `no HTTP answer: ${(err as Error).message}${cause instanceof Error ? ` (${cause.message})` : ''}`,
    };
  }
}

/** What is wrong with the answer, or null. */
export function problemWith(req: FuzzRequest & { method: Method }, answer: Answer): string | null {
  if (answer.failure) return answer.failure;
  if (answer.status >= 500) return `answered ${answer.status}: a client's request must never get a 5xx`;
  // The URL is judged before the body: an unknown route (404) or a path parameter over the router's limit
  // (414) is refused without reading it. Any other route reads the body first, and must refuse it.
  if (req.payload.kind === 'oversize' && ![413, 404, 414].includes(answer.status) && answer.body?.code !== 'FST_ERR_BAD_URL')
    return `answered ${answer.status} to a body over the limit: expected 413`;
  // A HEAD answer has no body by definition: only its status can be judged.
  if ((answer.status === 400 || answer.status === 413) && req.method !== 'HEAD') {
    const b = answer.body;
    if (
      typeof b !== 'object' ||
      b === null ||
      b.statusCode !== answer.status ||
      typeof b.error !== 'string' ||
      typeof b.message !== 'string'
    )
      return `a ${answer.status} that is not the JSON error shape {statusCode, error, message, details}`;
    // A field may be named "" (an unknown key "" was sent), but every detail must carry a field name.
    const unnamed = !Array.isArray(b.details) || b.details.some((d: { field?: unknown } | null) => typeof d?.field !== 'string');
    if (fieldsOf({ status: answer.status, body: b, headers: new Headers() } satisfies ApiResponse).length === 0 || unnamed)
      return `a ${answer.status} whose details do not name the bad field`;
  }
  return null;
}

/** Keeps the stack the error filter logs with each 500 (`errorId=…`), to print it beside the request. */
export class CapturingLogger extends ConsoleLogger {
  readonly stacks = new Map<string, string>();
  override error(message: unknown, ...rest: unknown[]): void {
    // The filter logs `{ errorId, err }` and a message; older lines carried `errorId=` in the text.
    const logged = (typeof message === 'object' && message !== null ? message : {}) as { errorId?: unknown; err?: Error };
    const text = logged.err?.stack ?? String(message);
    const errorId = typeof logged.errorId === 'string' ? logged.errorId : /errorId=(\S+)/.exec(text)?.[1];
    if (errorId) this.stacks.set(errorId, text);
    else super.error(message, ...(rest as [string?, string?]));
  }
}

export function report(op: Operation, req: FuzzRequest, sent: Sent, answer: Answer, problem: string, logger: CapturingLogger): string {
  const stack = typeof answer.body?.errorId === 'string' ? logger.stacks.get(answer.body.errorId) : undefined;
  const headers = Object.entries(sent.headers).map(([k, v]) => `${k}: ${clip(v, 120)}`);
  return [
    `${label(op)} (${op.operationId}): ${problem}`,
    `    request: ${op.method} ${clip(sent.url, 600)}`,
    `    caller:  ${req.caller.who} (a ${req.mode} request)`,
    `    headers: ${headers.join(' | ') || '(none)'}`,
    `    body:    ${clip(sent.preview)}`,
    `    answer:  ${answer.status} ${clip(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), 800)}`,
    // "│" before each frame: jest would move lines that start with "at " out of the message.
    ...(stack ? [`    server:  ${clip(stack, 3000).replace(/\n\s*/g, '\n      │ ')}`] : []),
  ].join('\n');
}

/** Requests and statuses per documented operation (undocumented methods all in one line), printed at the end. */
export class Tally {
  readonly byOperation = new Map<string, Map<number, number>>();
  total = 0;
  add(op: Operation, status: number) {
    const key = op.operationId === UNDOCUMENTED ? UNDOCUMENTED : label(op);
    const statuses = this.byOperation.get(key) ?? new Map<number, number>();
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    this.byOperation.set(key, statuses);
    this.total++;
  }
  get documented(): number {
    return [...this.byOperation.keys()].filter((k) => k !== UNDOCUMENTED).length;
  }
  summary(): string {
    const lines = [...this.byOperation].map(
      ([name, statuses]) =>
        `${name.padEnd(62)} ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
    );
    return `${this.total} requests over ${this.documented} documented operations (and undocumented methods)\n${lines.join('\n')}`;
  }
}
