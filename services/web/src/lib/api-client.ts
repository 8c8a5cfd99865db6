/** An error answer from the gateway, in its `{error: {type, code, message, param}}` shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | undefined | null>;

export interface ApiClient {
  get<T>(path: string, query?: Query | string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
  download(path: string, filename: string): Promise<void>;
}

export interface ApiClientOptions {
  /** Bearer secret key; absent for the public checkout endpoints. */
  apiKey?: string;
  onUnauthorized?: () => void;
  baseUrl?: string;
}

export function toQueryString(query?: Query | string): string {
  if (query === undefined) return '';
  if (typeof query === 'string') return query ? `?${query}` : '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const base = options.baseUrl ?? '';

  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.apiKey) headers.Authorization = `Bearer ${options.apiKey}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    // Every POST carries its own key, so a retried click never creates twice.
    if (method === 'POST') headers['Idempotency-Key'] = crypto.randomUUID();
    let response: Response;
    try {
      response = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
    }
    if (response.status === 401) options.onUnauthorized?.();
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  async function json<T>(response: Response): Promise<T> {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    get: async (path, query) => json(await send('GET', path + toQueryString(query))),
    post: async (path, body) => json(await send('POST', path, body ?? {})),
    patch: async (path, body) => json(await send('PATCH', path, body)),
    delete: async (path) => json(await send('DELETE', path)),
    async download(path, filename) {
      const response = await send('GET', path);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  };
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { type?: string; code?: string; message?: string; param?: string } };
    const error = body.error ?? {};
    return new ApiError(
      response.status,
      error.type ?? 'api_error',
      error.message ?? `Request failed (${response.status})`,
      error.code,
      error.param,
    );
  } catch {
    return new ApiError(response.status, 'api_error', `Request failed (${response.status})`);
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
