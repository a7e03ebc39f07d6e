/* eslint-disable @typescript-eslint/no-explicit-any */
export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

/** A small HTTP client over fetch for the e2e tests; paths are relative to /api/v1. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body?: unknown) {
    return this.request('POST', path, body);
  }
  put(path: string, body?: unknown) {
    return this.request('PUT', path, body);
  }
  patch(path: string, body?: unknown) {
    return this.request('PATCH', path, body);
  }

  /** Sends a raw body with a content type of the caller's choice (malformed JSON, oversized…). */
  async raw(method: string, path: string, body: string | Buffer | FormData, contentType?: string): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    if (contentType) headers['content-type'] = contentType;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const res = await fetch(this.url(path), { method, headers, body });
    return { status: res.status, body: await parse(res), headers: res.headers };
  }

  async request(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const res = await fetch(this.url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await parse(res), headers: res.headers };
  }

  private url(path: string): string {
    return path.startsWith('/health') || path.startsWith('/docs') ? `${this.baseUrl}${path}` : `${this.baseUrl}/api/v1${path}`;
  }
}

async function parse(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}
