import { create, type JsonValue } from '@bufbuild/protobuf';
import {
  CreateWebhookEndpointRequestSchema,
  CreateWebhookEndpointResponseSchema,
  DeleteWebhookEndpointResponseSchema,
  GetWebhookEndpointResponseSchema,
  ListWebhookEndpointsResponseSchema,
  RotateWebhookEndpointSecretResponseSchema,
  UpdateWebhookEndpointResponseSchema,
  decodeMessage,
  encodeMessage,
  type CreateWebhookEndpointRequest,
  type CreateWebhookEndpointResponse,
  type DeleteWebhookEndpointRequest,
  type DeleteWebhookEndpointResponse,
  type GetWebhookEndpointRequest,
  type GetWebhookEndpointResponse,
  type ListWebhookEndpointsRequest,
  type ListWebhookEndpointsResponse,
  type RotateWebhookEndpointSecretRequest,
  type RotateWebhookEndpointSecretResponse,
  type UpdateWebhookEndpointRequest,
  type UpdateWebhookEndpointResponse,
} from '@opencheckout/contracts';
import { NotFoundError, UnavailableError } from '@opencheckout/errors';
import { assertDeliverableUrl, encryptForDispatcher, generateWebhookSecret } from '@opencheckout/webhooks';
import { requireScope } from '../domain/api-key-scopes.js';
import { decide, validWebhookUrl } from '../domain/merchant.decider.js';
import type { Merchant } from '../domain/merchant.js';
import { newId } from './ids.js';
import type { MerchantRepository } from './merchant-repository.js';
import { requestHash, type MerchantWriter } from './merchant-writer.js';
import { paginate } from './paginate.js';
import { webhookEndpointView } from './present-merchant.js';
import { callerOf, type Caller } from './request-context.js';

export interface WebhookEndpointPolicy {
  /** The dispatcher's RSA public key (PEM): secrets are sealed to it, so only the dispatcher reads them. */
  dispatcherPublicKeyPem: string | undefined;
  /** Hosts, IPs or CIDRs live-mode endpoints may use although private (development). */
  urlAllowlist: string[];
  /** How long a rotated-out secret keeps signing when the request does not say. */
  defaultOverlapSeconds: number;
  resolve?: (hostname: string) => Promise<readonly string[]>;
}

/** Webhook endpoints: the secret in clear only in the create and rotate answers, sealed to the dispatcher everywhere else. */
export class WebhookEndpointsUseCase {
  constructor(
    private readonly writer: MerchantWriter,
    private readonly merchants: MerchantRepository,
    private readonly policy: WebhookEndpointPolicy,
    private readonly clock: () => Date,
  ) {}

  /** Without the dispatcher's key no secret can be stored that the dispatcher could read: refuse before any work. */
  private dispatcherKey(): string {
    if (!this.policy.dispatcherPublicKeyPem) {
      throw new UnavailableError('Webhook endpoints are not available: the dispatcher key is not configured.');
    }
    return this.policy.dispatcherPublicKeyPem;
  }

  private seal(secret: string): string {
    return encryptForDispatcher(this.dispatcherKey(), secret);
  }

  /** The SSRF guard at the door: live mode refuses private, loopback, link-local and metadata targets. */
  private async assertSafe(url: string, caller: Caller): Promise<void> {
    await assertDeliverableUrl(validWebhookUrl(url), {
      mode: caller.livemode ? 'live' : 'test',
      allowlist: this.policy.urlAllowlist,
      resolve: this.policy.resolve,
    });
  }

  async create(request: CreateWebhookEndpointRequest): Promise<CreateWebhookEndpointResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'webhooks:write');
    this.dispatcherKey();
    await this.assertSafe(request.url, caller);
    const now = this.clock();
    const body = encodeMessage(CreateWebhookEndpointRequestSchema, { ...request, context: undefined });
    return this.writer.write({
      merchantId: caller.merchantId,
      now,
      correlationId: caller.correlationId,
      idempotency: {
        key: caller.idempotencyKey,
        operation: 'webhook_endpoint.create',
        requestHash: requestHash(body),
        scope: caller.merchantId,
        livemode: caller.livemode,
      },
      run: async (state) => {
        const secret = generateWebhookSecret();
        const endpointId = newId('we', now);
        const events = decide(
          {
            kind: 'create_webhook_endpoint',
            endpointId,
            url: request.url,
            description: request.description,
            enabledEvents: request.enabledEvents,
            livemode: caller.livemode,
            secretCiphertext: this.seal(secret),
            at: now.toISOString(),
          },
          state,
        );
        return {
          events,
          answer: (after) =>
            create(CreateWebhookEndpointResponseSchema, {
              endpoint: webhookEndpointView(after.webhookEndpoints.get(endpointId)!, now),
              secret,
            }),
        };
      },
      encode: (answer) => encodeMessage(CreateWebhookEndpointResponseSchema, answer),
      decode: (json: JsonValue) => decodeMessage(CreateWebhookEndpointResponseSchema, json),
    });
  }

  private async loadOwn(caller: Caller): Promise<Merchant> {
    const { state } = await this.merchants.load(caller.merchantId);
    if (state === null) throw new NotFoundError('merchant', caller.merchantId);
    return state;
  }

  async get(request: GetWebhookEndpointRequest): Promise<GetWebhookEndpointResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'webhooks:read');
    const endpoint = (await this.loadOwn(caller)).webhookEndpoints.get(request.endpointId);
    if (endpoint === undefined || endpoint.livemode !== caller.livemode) throw new NotFoundError('webhook endpoint', request.endpointId);
    return create(GetWebhookEndpointResponseSchema, { endpoint: webhookEndpointView(endpoint, this.clock()) });
  }

  async list(request: ListWebhookEndpointsRequest): Promise<ListWebhookEndpointsResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'webhooks:read');
    const now = this.clock();
    const endpoints = [...(await this.loadOwn(caller)).webhookEndpoints.values()]
      .filter((endpoint) => endpoint.livemode === caller.livemode)
      .reverse();
    const page = paginate(endpoints, (endpoint) => endpoint.endpointId, request.page, 'webhook endpoint');
    return create(ListWebhookEndpointsResponseSchema, {
      data: page.data.map((endpoint) => webhookEndpointView(endpoint, now)),
      hasMore: page.hasMore,
    });
  }

  async update(request: UpdateWebhookEndpointRequest): Promise<UpdateWebhookEndpointResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'webhooks:write');
    if (request.url !== undefined) await this.assertSafe(request.url, caller);
    const now = this.clock();
    return this.writer.write({
      merchantId: caller.merchantId,
      now,
      correlationId: caller.correlationId,
      run: async (state) => ({
        events: decide(
          {
            kind: 'update_webhook_endpoint',
            endpointId: request.endpointId,
            livemode: caller.livemode,
            url: request.url,
            description: request.description,
            enabledEvents: request.enabledEvents?.types,
            disabled: request.disabled,
            disabledReason: request.disabled ? 'Disabled by the merchant.' : undefined,
            at: now.toISOString(),
          },
          state,
        ),
        answer: (after) =>
          create(UpdateWebhookEndpointResponseSchema, {
            endpoint: webhookEndpointView(after.webhookEndpoints.get(request.endpointId)!, now),
          }),
      }),
      encode: (answer) => encodeMessage(UpdateWebhookEndpointResponseSchema, answer),
      decode: (json: JsonValue) => decodeMessage(UpdateWebhookEndpointResponseSchema, json),
    });
  }

  async delete(request: DeleteWebhookEndpointRequest): Promise<DeleteWebhookEndpointResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'webhooks:write');
    const now = this.clock();
    return this.writer.write({
      merchantId: caller.merchantId,
      now,
      correlationId: caller.correlationId,
      run: async (state) => ({
        events: decide({ kind: 'delete_webhook_endpoint', endpointId: request.endpointId, livemode: caller.livemode, at: now.toISOString() }, state),
        answer: () => create(DeleteWebhookEndpointResponseSchema, { endpointId: request.endpointId, deleted: true }),
      }),
      encode: (answer) => encodeMessage(DeleteWebhookEndpointResponseSchema, answer),
      decode: (json: JsonValue) => decodeMessage(DeleteWebhookEndpointResponseSchema, json),
    });
  }

  /** A new secret, shown once; the previous one keeps signing for the overlap (default 24 h, 0 to 7 days). */
  async rotateSecret(request: RotateWebhookEndpointSecretRequest): Promise<RotateWebhookEndpointSecretResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'webhooks:write');
    this.dispatcherKey();
    const overlapSeconds = request.overlapSeconds ?? (request.expirePreviousInSeconds || this.policy.defaultOverlapSeconds);
    const now = this.clock();
    return this.writer.write({
      merchantId: caller.merchantId,
      now,
      correlationId: caller.correlationId,
      run: async (state) => {
        const secret = generateWebhookSecret();
        const events = decide(
          {
            kind: 'rotate_webhook_secret',
            endpointId: request.endpointId,
            livemode: caller.livemode,
            secretCiphertext: this.seal(secret),
            overlapSeconds,
            at: now.toISOString(),
          },
          state,
        );
        return {
          events,
          answer: (after) => {
            const endpoint = after.webhookEndpoints.get(request.endpointId)!;
            return create(RotateWebhookEndpointSecretResponseSchema, {
              endpoint: webhookEndpointView(endpoint, now),
              secret,
              previousSecretExpiresAt: endpoint.previousSecretExpiresAt,
            });
          },
        };
      },
      encode: (answer) => encodeMessage(RotateWebhookEndpointSecretResponseSchema, answer),
      decode: (json: JsonValue) => decodeMessage(RotateWebhookEndpointSecretResponseSchema, json),
    });
  }
}
