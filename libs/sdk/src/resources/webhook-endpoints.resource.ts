import type { HttpClient } from '../http-client.js';
import type {
  CreateWebhookEndpointParams,
  DeletedObject,
  List,
  ListParams,
  RequestOptions,
  RotateWebhookSecretAnswer,
  RotateWebhookSecretParams,
  UpdateWebhookEndpointParams,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '../types.js';

const base = '/api/v1/webhook_endpoints';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export class WebhookEndpointsResource {
  constructor(private readonly http: HttpClient) {}

  /** The answer is the only time the signing secret is shown (until a rotation). */
  create(params: CreateWebhookEndpointParams, options?: RequestOptions): Promise<WebhookEndpointWithSecret> {
    return this.http.request({ method: 'POST', path: base, body: params, options });
  }

  list(params: ListParams = {}, options?: RequestOptions): Promise<List<WebhookEndpoint>> {
    return this.http.request({ method: 'GET', path: base, query: { ...params }, options });
  }

  retrieve(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.http.request({ method: 'GET', path: one(id), options });
  }

  update(id: string, params: UpdateWebhookEndpointParams, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.http.request({ method: 'PATCH', path: one(id), body: params, options });
  }

  delete(id: string, options?: RequestOptions): Promise<DeletedObject> {
    return this.http.request({ method: 'DELETE', path: one(id), options });
  }

  rotateSecret(id: string, params: RotateWebhookSecretParams = {}, options?: RequestOptions): Promise<RotateWebhookSecretAnswer> {
    return this.http.request({ method: 'POST', path: `${one(id)}/rotate_secret`, body: params, options });
  }

  /** Sends a test event to the endpoint now (of `params.type`, else the generic test type); answers the delivery to follow. */
  sendTest(id: string, params: { type?: string } = {}, options?: RequestOptions): Promise<WebhookDelivery> {
    return this.http.request({ method: 'POST', path: `${one(id)}/test`, body: params, options });
  }

  /** Sends the merchant's past events of `eventTypes` (all when empty) between `since` and `until` to this endpoint again. */
  replay(
    id: string,
    params: { since: string; until?: string; eventTypes?: string[] },
    options?: RequestOptions,
  ): Promise<{ object: 'webhook_replay'; scheduled: number; deliveryIds: string[] }> {
    return this.http.request({ method: 'POST', path: `${one(id)}/replay`, body: params, options });
  }
}
