import type { JsonObject, JsonValue } from '@bufbuild/protobuf';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListWebhookDeliveriesRequestSchema,
  ListWebhookDeliveriesResponseSchema,
  ReplayWebhookEventsRequestSchema,
  ReplayWebhookEventsResponseSchema,
  RetryWebhookDeliveryRequestSchema,
  RetryWebhookDeliveryResponseSchema,
  RpcSubjects,
  TestWebhookEndpointRequestSchema,
  TestWebhookEndpointResponseSchema,
  decodeMessage,
  encodeMessage,
} from '@opencheckout/contracts';
import { healthPattern } from '@opencheckout/nest-kit';
import { WEBHOOK_DISPATCHER_APP, type WebhookDispatcherApp } from '../webhook-dispatcher-app.js';

/** Request-reply handlers: decode the proto JSON, run the use case, encode the answer. */
@Controller()
export class WebhookDispatcherHandlers {
  constructor(@Inject(WEBHOOK_DISPATCHER_APP) private readonly app: WebhookDispatcherApp) {}

  @MessagePattern(RpcSubjects.webhooks.sendTest)
  async sendTest(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(TestWebhookEndpointResponseSchema, await this.app.sendTest.execute(decodeMessage(TestWebhookEndpointRequestSchema, payload)));
  }

  @MessagePattern(RpcSubjects.webhooks.listDeliveries)
  async listDeliveries(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(ListWebhookDeliveriesResponseSchema, await this.app.listDeliveries.execute(decodeMessage(ListWebhookDeliveriesRequestSchema, payload)));
  }

  @MessagePattern(RpcSubjects.webhooks.retryDelivery)
  async retryDelivery(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(RetryWebhookDeliveryResponseSchema, await this.app.retryDelivery.execute(decodeMessage(RetryWebhookDeliveryRequestSchema, payload)));
  }

  @MessagePattern(RpcSubjects.webhooks.replay)
  async replay(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(ReplayWebhookEventsResponseSchema, await this.app.replay.execute(decodeMessage(ReplayWebhookEventsRequestSchema, payload)));
  }

  @MessagePattern(healthPattern('webhook-dispatcher'))
  health(): { ok: true } {
    return { ok: true };
  }
}
