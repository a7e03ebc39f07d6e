import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError } from './errors';
import type { paths } from './schema';
import { session } from './session';

/** Called when the server says the session is over (401): the app sends the person to sign in. */
let onSessionEnded: () => void = () => undefined;
export function whenSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    // A wrong password at sign-in is also a 401: that one is the sign-in page's to show.
    if (response.status === 401 && !request.url.endsWith('/auth/login')) {
      session.clear();
      onSessionEnded();
    }
    return response;
  },
};

/** The typed client. Paths are the contract's (they carry the /api/v1 prefix); same origin as the console. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Runs a call and answers its data, or throws an ApiError (status 0 when the server could not be
 * reached). Pages catch it and show `describeError`, or the field errors beside their fields.
 */
export async function call<T>(run: () => Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await run();
  } catch {
    throw new ApiError(0, null);
  }
  const { response } = result;
  if (!response.ok) {
    const retry = Number(response.headers.get('retry-after'));
    throw new ApiError(response.status, (result.error as ApiError['body']) ?? null, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return result.data as T;
}

/** For the endpoints whose answers the contract does not describe yet: a plain JSON call, same rules. */
export async function callJson<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return call<T>(async () => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = session.token();
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401 && !path.endsWith('/auth/login')) {
      session.clear();
      onSessionEnded();
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined; // a proxy's HTML error page: the status alone says what happened
    }
    return response.ok ? { data: parsed as T, response } : { error: parsed, response };
  });
}
