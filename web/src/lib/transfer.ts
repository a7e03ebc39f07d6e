/**
 * File transfers the typed client does not do: an upload with progress (XMLHttpRequest reports it,
 * fetch does not) and a download of a binary answer with the session's token, saved under the name the
 * server gives (Content-Disposition).
 */
import { ApiError } from '../api/errors';
import { session } from '../api/session';

export interface UploadAnswer<T> {
  status: number;
  body: T;
}

/** POSTs `file` as multipart field `file` to `/api/v1${path}`; `onProgress(0..100)` while it is sent. Non-2xx throws ApiError. */
export function uploadFile<T>(path: string, file: Blob, filename: string, onProgress: (percent: number) => void): Promise<UploadAnswer<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    const token = session.token();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((100 * e.loaded) / e.total));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve({ status: xhr.status, body: body as T });
      else reject(new ApiError(xhr.status, body as ApiError['body']));
    };
    const form = new FormData();
    form.append('file', file, filename);
    xhr.send(form);
  });
}

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first), else `fallback`. */
export function dispositionName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain ? plain[1].trim() : fallback;
}

/** GETs `/api/v1${path}` with the session's token. Non-2xx throws ApiError. */
export async function fetchBlob(path: string): Promise<{ blob: Blob; filename: string | null }> {
  const token = session.token();
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    let body: ApiError['body'] = null;
    try {
      body = (await response.json()) as ApiError['body'];
    } catch {
      body = null;
    }
    throw new ApiError(response.status, body);
  }
  return { blob: await response.blob(), filename: response.headers.get('content-disposition') };
}

/** Downloads `/api/v1${path}` and saves it as the browser saves any download. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const { blob, filename } = await fetchBlob(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = dispositionName(filename, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
