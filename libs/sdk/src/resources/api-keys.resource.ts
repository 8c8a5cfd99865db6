import type { HttpClient } from '../http-client.js';
import type { ApiKey, ApiKeyWithSecret, CreateApiKeyParams, List, ListApiKeysParams, RequestOptions } from '../types.js';

const base = '/api/v1/api_keys';

export class ApiKeysResource {
  constructor(private readonly http: HttpClient) {}

  /** The answer is the only time the full key is shown. */
  create(params: CreateApiKeyParams, options?: RequestOptions): Promise<ApiKeyWithSecret> {
    return this.http.request({ method: 'POST', path: base, body: params, options });
  }

  list(params: ListApiKeysParams = {}, options?: RequestOptions): Promise<List<ApiKey>> {
    return this.http.request({ method: 'GET', path: base, query: { ...params }, options });
  }

  revoke(id: string, options?: RequestOptions): Promise<ApiKey> {
    return this.http.request({ method: 'POST', path: `${base}/${encodeURIComponent(id)}/revoke`, options });
  }
}
