/** An RFC 9457 problem the API answered with; `body` keeps extension members such as ownerName. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail: string,
    readonly body: Record<string, unknown>,
  ) {
    super(detail || title);
  }

  /** The last path segment of the problem type, e.g. "ticket-owned-by-another". */
  get code(): string {
    return this.type.split('/').pop() ?? this.type;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** An agent's access token. */
  token?: string | null;
  /** A customer's tracking token. */
  trackingToken?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function headersFor(options: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.trackingToken) headers['x-tracking-token'] = options.trackingToken;
  return headers;
}

/** Raw response, for CSV downloads; throws ApiProblem like apiFetch. */
export async function apiResponse(path: string, options: RequestOptions = {}): Promise<Response> {
  const response = await fetch(path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: headersFor(options),
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
    credentials: 'same-origin',
  });
  if (!response.ok) {
    let body: Record<string, unknown> = {};
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch {
      // not JSON: keep the status alone
    }
    throw new ApiProblem(response.status, String(body.type ?? 'about:blank'), String(body.title ?? response.statusText), String(body.detail ?? ''), body);
  }
  return response;
}

export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiResponse(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
