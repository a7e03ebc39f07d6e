/** What went wrong with a call, in terms a page can act on and words the person reads. */
export interface FieldIssue {
  field: string;
  rule?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    /** 0 when the server could not be reached at all. */
    readonly status: number,
    readonly body: { code?: string; message?: string | string[]; details?: unknown; errorId?: string; requestId?: string } | null,
    readonly retryAfter: number | null = null,
  ) {
    super(`API ${status}: ${Array.isArray(body?.message) ? body.message.join('; ') : (body?.message ?? '')}`);
  }

  /** 409 because the item moved on since it was loaded (optimistic locking). */
  get stale(): boolean {
    return this.status === 409 && /STALE/.test(this.body?.code ?? '');
  }

  /** The server's 400 field errors, by field name (the first message of each). */
  get fields(): Record<string, string> {
    const out: Record<string, string> = {};
    if (this.status !== 400 || !Array.isArray(this.body?.details)) return out;
    for (const d of this.body.details as Partial<FieldIssue>[]) {
      if (typeof d?.field === 'string' && !(d.field in out)) out[d.field] = String(d.message ?? d.rule ?? '');
    }
    return out;
  }
}

export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** One sentence for the person, in their language: never a stack, never a blank. */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.network');
  const { status, body } = error;
  const serverMessage = Array.isArray(body?.message) ? body.message.join('；') : (body?.message ?? '');
  switch (true) {
    case status === 0:
      return t('error.network');
    case status === 401:
      return t('error.sessionEnded');
    case status === 403:
      return t('error.forbidden');
    case status === 404:
      return t('error.notFound');
    case error.stale:
      return t('error.stale');
    case status === 409:
      return t('error.conflict', { message: serverMessage });
    case status === 429:
      return t('error.tooMany', { seconds: error.retryAfter ?? 60 });
    case status === 400:
      return Object.keys(error.fields).length ? t('error.invalid') : serverMessage || t('error.invalid');
    case status >= 500: {
      const id = body?.errorId ?? body?.requestId;
      return t('error.server', { ref: id ? t('error.serverRef', { id }) : '' }).trim();
    }
    default:
      return t('error.unknown', { status });
  }
}
