import type { HttpClient } from '../http-client.js';
import type { CheckoutSession, CreateCheckoutSessionParams, List, ListCheckoutSessionsParams, RequestOptions } from '../types.js';
import { autoPaginate } from './auto-paginate.js';

const base = '/api/v1/checkout_sessions';

export class CheckoutSessionsResource {
  constructor(private readonly http: HttpClient) {}

  /** Creates a session. Without `idempotencyKey` one is generated, so automatic retries never duplicate. */
  create(params: CreateCheckoutSessionParams, options?: RequestOptions): Promise<CheckoutSession> {
    return this.http.request({ method: 'POST', path: base, body: params, options });
  }

  retrieve(id: string, options?: RequestOptions): Promise<CheckoutSession> {
    return this.http.request({ method: 'GET', path: `${base}/${encodeURIComponent(id)}`, options });
  }

  list(params: ListCheckoutSessionsParams = {}, options?: RequestOptions): Promise<List<CheckoutSession>> {
    return this.http.request({ method: 'GET', path: base, query: { ...params }, options });
  }

  /** Every session matching `params`, across pages. */
  listAll(params: ListCheckoutSessionsParams = {}, options?: RequestOptions): AsyncGenerator<CheckoutSession> {
    return autoPaginate((page) => this.list(page, options), params);
  }

  /** Expires an open session now (it becomes `canceled`). */
  expire(id: string, options?: RequestOptions): Promise<CheckoutSession> {
    return this.http.request({ method: 'POST', path: `${base}/${encodeURIComponent(id)}/expire`, options });
  }
}
