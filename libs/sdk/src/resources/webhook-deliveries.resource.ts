import type { HttpClient } from '../http-client.js';
import type { List, ListWebhookDeliveriesParams, RequestOptions, WebhookDelivery } from '../types.js';
import { autoPaginate } from './auto-paginate.js';

const base = '/api/v1/webhook_deliveries';

export class WebhookDeliveriesResource {
  constructor(private readonly http: HttpClient) {}

  list(params: ListWebhookDeliveriesParams = {}, options?: RequestOptions): Promise<List<WebhookDelivery>> {
    return this.http.request({ method: 'GET', path: base, query: { ...params }, options });
  }

  listAll(params: ListWebhookDeliveriesParams = {}, options?: RequestOptions): AsyncGenerator<WebhookDelivery> {
    return autoPaginate((page) => this.list(page, options), params);
  }

  /** Queues one more attempt now, whatever the schedule says. */
  retry(id: string, options?: RequestOptions): Promise<WebhookDelivery> {
    return this.http.request({ method: 'POST', path: `${base}/${encodeURIComponent(id)}/retry`, options });
  }
}
