import { create, fromJson, type JsonValue } from '@bufbuild/protobuf';
import {
  CheckoutSessionViewSchema,
  CreateCheckoutSessionRequestSchema,
  RequestContextSchema,
  SessionMode,
  type CancelSubscriptionRequest,
  type CancelSubscriptionResponse,
  CancelSubscriptionResponseSchema,
} from '@opencheckout/contracts';
import { NotFoundError, ValidationError } from '@opencheckout/errors';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { addInterval, recurringOf } from '../domain/subscription-period.js';
import type { ChangeSessionUseCase } from './change-session.usecase.js';
import type { CreateCheckoutSessionUseCase } from './create-checkout-session.usecase.js';
import type { SessionRepository } from './session-repository.js';

/**
 * Subscriptions: when a paid period nears its end, open the next period's
 * session (same terms, a fresh address and quote) and record the renewal,
 * with its checkout URL, on the paid session, so the merchant hears of it
 * (`session.subscription_renewed`). Creating the next session is idempotent
 * per subscription and period, so a crash between the two steps repeats nothing.
 */
export class SubscriptionRenewals {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly createSession: CreateCheckoutSessionUseCase,
    private readonly change: ChangeSessionUseCase,
    private readonly sessions: SessionRepository,
    private readonly clock: () => Date,
    /** How long before a period ends its successor is opened. */
    private readonly leadSeconds: number,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.renewDue(), this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async renewDue(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const now = this.clock();
      const due: { session_id: string; view: JsonValue }[] = await this.dataSource.query(
        `SELECT session_id, view FROM "${this.schema}".session_list
         WHERE renewal_due_at IS NOT NULL AND renewal_due_at <= $1 ORDER BY renewal_due_at LIMIT 100`,
        [new Date(now.getTime() + this.leadSeconds * 1000)],
      );
      for (const row of due) {
        try {
          await this.renew(fromJson(CheckoutSessionViewSchema, row.view, { ignoreUnknownFields: true }), now);
        } catch (error) {
          this.logger.warn({ err: error, sessionId: row.session_id }, 'subscription renewal failed; retried on the next pass');
        }
      }
      return due.length;
    } finally {
      this.running = false;
    }
  }

  private async renew(paid: ReturnType<typeof fromJson<typeof CheckoutSessionViewSchema>>, now: Date): Promise<void> {
    const recurring = recurringOf(paid);
    if (recurring === null) return;
    const anchor = new Date(paid.subscriptionAnchor || paid.createdAt);
    const nextPeriod = paid.subscriptionPeriod + 1;
    const periodStart = addInterval(anchor, recurring.interval, recurring.count * paid.subscriptionPeriod);
    const periodEnd = addInterval(anchor, recurring.interval, recurring.count * nextPeriod);
    const next = await this.createSession.execute(
      create(CreateCheckoutSessionRequestSchema, {
        context: create(RequestContextSchema, {
          merchantId: paid.merchantId,
          livemode: paid.livemode,
          idempotencyKey: `subscription:${paid.subscriptionId}:${nextPeriod}`,
          correlationId: paid.sessionId,
        }),
        mode: SessionMode.SUBSCRIPTION,
        apiShape: paid.apiShape,
        amount: paid.fiat,
        lineItems: paid.lineItems,
        assetCode: paid.asset?.assetCode ?? '',
        chainId: paid.asset?.chainId,
        metadata: paid.metadata,
        successUrl: paid.successUrl,
        cancelUrl: paid.cancelUrl,
        clientReferenceId: paid.clientReferenceId,
        customerEmail: paid.customerEmail,
        // The buyer has until the next period starts, at least a day.
        expiresInSeconds: Math.max(24 * 3600, Math.ceil((periodStart.getTime() - now.getTime()) / 1000)),
        requestHash: `subscription:${paid.subscriptionId}:${nextPeriod}`,
        subscriptionId: paid.subscriptionId,
        subscriptionPeriod: nextPeriod,
        subscriptionAnchor: anchor.toISOString(),
      }),
      { trusted: true },
    );
    await this.change.execute(
      paid.sessionId,
      {
        kind: 'record_renewal',
        renewalSessionId: next.sessionId,
        renewalCheckoutUrl: next.checkoutUrl,
        periodStart: periodStart.getTime(),
        periodEnd: periodEnd.getTime(),
        at: now.getTime(),
      },
      { occurredAt: now.toISOString() },
    );
    // Canceled while the next period was being opened: that session must not live on as a subscription.
    const paidState = await this.sessions.load(paid.sessionId);
    if (paidState?.state.subscriptionCanceled && !paidState.state.renewed) {
      await this.change.execute(next.sessionId, { kind: 'cancel_subscription', reason: 'requested_by_merchant', at: now.getTime() }, { occurredAt: now.toISOString() });
      await this.change
        .execute(next.sessionId, { kind: 'cancel', at: now.getTime() }, { occurredAt: now.toISOString() })
        .catch(() => undefined);
    }
  }

  /** The merchant stops a subscription: recorded on its latest session; no further period opens. */
  async cancel(request: CancelSubscriptionRequest): Promise<CancelSubscriptionResponse> {
    const context = request.context;
    if (context === undefined || context.merchantId === '') {
      throw new ValidationError('The request has no merchant context.', { code: 'context_missing' });
    }
    // The write side, not the list projection: the latest period may be seconds old.
    const rows: { session_id: string }[] = await this.dataSource.query(
      `SELECT stream_id AS session_id FROM "${this.schema}".events
       WHERE type = 'session.created' AND data->>'subscriptionId' = $1
         AND metadata->>'merchantId' = $2 AND (metadata->>'livemode')::boolean = $3
       ORDER BY global_position DESC LIMIT 1`,
      [request.subscriptionId, context.merchantId, context.livemode],
    );
    const latest = rows[0];
    if (latest === undefined) throw new NotFoundError('subscription', request.subscriptionId);
    const now = this.clock();
    await this.change.execute(
      latest.session_id,
      { kind: 'cancel_subscription', reason: 'requested_by_merchant', at: now.getTime() },
      { merchantId: context.merchantId, livemode: context.livemode, correlationId: context.correlationId || undefined, occurredAt: now.toISOString() },
    );
    return create(CancelSubscriptionResponseSchema, {
      subscriptionId: request.subscriptionId,
      sessionId: latest.session_id,
      canceledAt: now.toISOString(),
    });
  }
}
