import type { HttpClient } from '../http-client.js';
import type {
  CreateWebhookEndpointParams,
  DeletedObject,
  List,
  ListParams,
  RequestOptions,
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

  update(id: string, params: UpdateWebhookEndpointParams, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.http.request({ method: 'PATCH', path: one(id), body: params, options });
  }

  delete(id: string, options?: RequestOptions): Promise<DeletedObject> {
    return this.http.request({ method: 'DELETE', path: one(id), options });
  }

  rotateSecret(id: string, params: RotateWebhookSecretParams = {}, options?: RequestOptions): Promise<WebhookEndpointWithSecret> {
    return this.http.request({ method: 'POST', path: `${one(id)}/rotate_secret`, body: params, options });
  }

  /** Sends a `webhook.test` event to the endpoint now; answers the delivery to follow. */
  sendTest(id: string, options?: RequestOptions): Promise<WebhookDelivery> {
    return this.http.request({ method: 'POST', path: `${one(id)}/test`, options });
  }
}
