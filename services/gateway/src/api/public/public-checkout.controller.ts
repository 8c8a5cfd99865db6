import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { create, type JsonValue } from '@bufbuild/protobuf';
import {
  CheckoutSessionViewSchema,
  ChooseDonationAmountRequestSchema,
  GetCheckoutSessionRequestSchema,
  RpcSubjects,
  decodeMessage,
  encodeMessage,
  type CheckoutSessionView,
} from '@opencheckout/contracts';
import { NotFoundError } from '@opencheckout/errors';
import { validateDto } from '@opencheckout/nest-kit';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { MoneyDto } from '../native/native-session.dto.js';
import { fiatToMinor } from '../money.js';
import { rpcCall } from '../rpc-call.js';
import { GATEWAY_APP, type GatewayApp } from '../../gateway-app.js';
import { presentNativeSession } from '../native/native-session.presenter.js';

const SESSION_ID = /^cs_(test|live)_[0-9A-HJKMNP-TV-Z]{26}$/;

/** What the buyer's page may show: the payment terms and progress, not the merchant's metadata or customer data. */
export function presentPublicSession(view: CheckoutSessionView): Record<string, unknown> {
  const full = presentNativeSession(view);
  return {
    id: full.id,
    object: 'checkout_session',
    status: full.status,
    mode: full.mode,
    address: full.address,
    chainId: full.chainId,
    asset: full.asset,
    amount: full.amount,
    amountReceived: full.amountReceived,
    fiat: full.fiat,
    lineItems: full.lineItems,
    donation: full.donation,
    payments: (full.payments as Record<string, unknown>[]).map((payment) => ({
      txHash: payment.txHash,
      amount: payment.amount,
      confirmations: payment.confirmations,
      status: payment.status,
    })),
    confirmationsRequired: full.confirmationsRequired,
    successUrl: full.successUrl,
    cancelUrl: full.cancelUrl,
    livemode: full.livemode,
    expiresAt: full.expiresAt,
    sequence: full.sequence,
  };
}

export class DonationAmountDto {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount!: MoneyDto;
}

interface RawReply {
  raw: NodeJS.WritableStream & { writeHead(status: number, headers: Record<string, string>): void; on(event: 'close', fn: () => void): void };
  hijack(): void;
}

/** The hosted payment page's API: public by session id (ids are unguessable), read-only. */
@Controller('api/public/checkout_sessions')
export class PublicCheckoutController {
  constructor(@Inject(GATEWAY_APP) private readonly app: GatewayApp) {}

  @Get(':id')
  async retrieve(@Param('id') id: string) {
    return presentPublicSession(await this.load(id));
  }

  /** Donation mode: the buyer picks the amount before paying (at or above the merchant's minimum). */
  @Post(':id/donation_amount')
  @HttpCode(200)
  async chooseDonationAmount(@Param('id') id: string, @Body() body: unknown) {
    if (!SESSION_ID.test(id)) throw new NotFoundError('checkout session', id);
    const dto = validateDto(DonationAmountDto, body ?? {});
    const view = await rpcCall(
      this.app,
      RpcSubjects.session.chooseDonationAmount,
      ChooseDonationAmountRequestSchema,
      {
        sessionId: id,
        amount: { amountMinor: fiatToMinor(dto.amount.value, dto.amount.currency, 'amount[value]').toString(), currency: dto.amount.currency.toLowerCase() },
      },
      CheckoutSessionViewSchema,
    );
    return presentPublicSession(view);
  }

  /** Server-sent events: the session again whenever one of its events passes on the bus. */
  @Get(':id/stream')
  async stream(@Param('id') id: string, @Req() _request: unknown, @Res() reply: RawReply) {
    let last = await this.load(id);
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    const send = (view: CheckoutSessionView) => out.write(`event: session\ndata: ${JSON.stringify(presentPublicSession(view))}\n\n`);
    send(last);
    const subscription = this.app.sessionEvents(id, async () => {
      try {
        const view = await this.load(id);
        if (view.sequence !== last.sequence) {
          last = view;
          send(view);
        }
      } catch {
        // The next event or the client's fallback poll will catch up.
      }
    });
    const keepAlive = setInterval(() => out.write(': keep-alive\n\n'), 15_000);
    out.on('close', () => {
      clearInterval(keepAlive);
      subscription.unsubscribe();
    });
  }

  private async load(id: string): Promise<CheckoutSessionView> {
    if (!SESSION_ID.test(id)) throw new NotFoundError('checkout session', id);
    const rpcRequest = create(GetCheckoutSessionRequestSchema, { sessionId: id });
    return decodeMessage(
      CheckoutSessionViewSchema,
      await this.app.rpc.request<JsonValue>(RpcSubjects.session.get, encodeMessage(GetCheckoutSessionRequestSchema, rpcRequest)),
    );
  }
}
