import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CheckoutSessionViewSchema,
  CancelSubscriptionRequestSchema,
  CancelSubscriptionResponseSchema,
  ChooseDonationAmountRequestSchema,
  CreateCheckoutSessionRequestSchema,
  ExpireCheckoutSessionRequestSchema,
  GetCheckoutSessionRequestSchema,
  ListCheckoutSessionsRequestSchema,
  ListCheckoutSessionsResponseSchema,
  RpcSubjects,
  decodeMessage,
  encodeMessage,
} from '@opencheckout/contracts';
import type { JsonObject, JsonValue } from '@bufbuild/protobuf';
import { healthPattern } from '@opencheckout/nest-kit';
import { SESSION_APP, type SessionApp } from '../session-app.js';

/** Request-reply handlers: decode the proto JSON, run the use case, encode the answer. One line of logic each. */
@Controller()
export class SessionHandlers {
  constructor(@Inject(SESSION_APP) private readonly app: SessionApp) {}

  @MessagePattern(RpcSubjects.session.create)
  async create(@Payload() payload: JsonValue): Promise<JsonObject> {
    const view = await this.app.create.execute(decodeMessage(CreateCheckoutSessionRequestSchema, payload));
    return encodeMessage(CheckoutSessionViewSchema, view);
  }

  @MessagePattern(RpcSubjects.session.get)
  async get(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(CheckoutSessionViewSchema, await this.app.read.get(decodeMessage(GetCheckoutSessionRequestSchema, payload)));
  }

  @MessagePattern(RpcSubjects.session.list)
  async list(@Payload() payload: JsonValue): Promise<JsonObject> {
    const page = await this.app.read.list(decodeMessage(ListCheckoutSessionsRequestSchema, payload));
    return encodeMessage(ListCheckoutSessionsResponseSchema, page);
  }

  @MessagePattern(RpcSubjects.session.expire)
  async expire(@Payload() payload: JsonValue): Promise<JsonObject> {
    const request = decodeMessage(ExpireCheckoutSessionRequestSchema, payload);
    const view = await this.app.expire(request);
    return encodeMessage(CheckoutSessionViewSchema, view);
  }

  @MessagePattern(RpcSubjects.session.chooseDonationAmount)
  async chooseDonationAmount(@Payload() payload: JsonValue): Promise<JsonObject> {
    const view = await this.app.donations.execute(decodeMessage(ChooseDonationAmountRequestSchema, payload));
    return encodeMessage(CheckoutSessionViewSchema, view);
  }

  @MessagePattern(RpcSubjects.session.cancelSubscription)
  async cancelSubscription(@Payload() payload: JsonValue): Promise<JsonObject> {
    const reply = await this.app.subscriptions.cancel(decodeMessage(CancelSubscriptionRequestSchema, payload));
    return encodeMessage(CancelSubscriptionResponseSchema, reply);
  }

  @MessagePattern(healthPattern('session'))
  health(): { ok: true } {
    return { ok: true };
  }
}
