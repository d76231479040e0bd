import type { UploadedAttachment } from '@firsthand/http-contracts';
import { ApiProblem } from '../api/http.js';

export interface UploadOptions {
  /** An agent's access token; customers upload without one. */
  token?: string | null;
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
}

/**
 * `POST /api/uploads` with one file. XMLHttpRequest rather than fetch: only it reports upload
 * progress. A refusal (413, 415, 422, 429) rejects with the problem+json as an ApiProblem.
 */
export function uploadFile(file: File, options: UploadOptions = {}): Promise<UploadedAttachment> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/uploads');
    request.setRequestHeader('accept', 'application/json, application/problem+json');
    if (options.token) request.setRequestHeader('authorization', `Bearer ${options.token}`);
    request.responseType = 'text';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(request.responseText) as Record<string, unknown>;
      } catch {
        // not JSON: the status alone says what happened
      }
      if (request.status >= 200 && request.status < 300) resolve(body as unknown as UploadedAttachment);
      else reject(new ApiProblem(request.status, String(body.type ?? 'about:blank'), String(body.title ?? request.statusText), String(body.detail ?? ''), body));
    };
    request.onerror = () => reject(new Error('network error'));
    request.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => request.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}
