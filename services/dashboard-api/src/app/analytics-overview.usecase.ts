import { create } from '@bufbuild/protobuf';
import {
  AnalyticsOverviewResponseSchema,
  AssetVolumeSchema,
  DailyAnalyticsSchema,
  FiatAmountSchema,
  type AnalyticsOverviewRequest,
  type AnalyticsOverviewResponse,
} from '@opencheckout/contracts';
import { ValidationError } from '@opencheckout/errors';
import type { DataSource } from 'typeorm';
import { requireScope } from '../domain/api-key-scopes.js';
import { PAID_STATUSES } from '../infra/projections/transactions.projection.js';
import { callerOf } from './request-context.js';

const DAY_MS = 24 * 3600 * 1000;
const MAX_RANGE_DAYS = 366;
const DEFAULT_RANGE_DAYS = 30;

/** a / b rounded half up, for non-negative integers. */
export function divideHalfUp(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (b * 2n);
}

/** paid / created as a decimal string with 4 places, in integers: 2 of 3 → "0.6667". */
export function conversionRate(paid: number, created: number): { text: string; bps: number } {
  if (created === 0) return { text: '0.0000', bps: 0 };
  const bps = divideHalfUp(BigInt(paid) * 10_000n, BigInt(created));
  return { text: `${bps / 10_000n}.${(bps % 10_000n).toString().padStart(4, '0')}`, bps: Number(bps) };
}

function parseTime(value: string, param: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ValidationError(`${param} must be an RFC 3339 time.`, { param });
  return ms;
}

/**
 * The dashboard's overview over [from, to): sessions created and how they
 * ended, paid volume per currency (paid, overpaid, paid late; by payment time)
 * in minor units, the average payment, and a UTC daily series. Integers only.
 */
export class AnalyticsOverviewUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly clock: () => Date,
  ) {}

  async execute(request: AnalyticsOverviewRequest): Promise<AnalyticsOverviewResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'analytics:read');
    const toMs = request.to ? parseTime(request.to, 'to') : this.clock().getTime();
    const fromMs = request.from ? parseTime(request.from, 'from') : toMs - DEFAULT_RANGE_DAYS * DAY_MS;
    if (fromMs >= toMs) throw new ValidationError('from must be before to.', { param: 'from', code: 'range_invalid' });
    if (toMs - fromMs > MAX_RANGE_DAYS * DAY_MS) {
      throw new ValidationError(`The range can span at most ${MAX_RANGE_DAYS} days.`, { param: 'from', code: 'range_too_long' });
    }
    const from = new Date(fromMs);
    const to = new Date(toMs);
    const table = `"${this.schema}".transactions`;
    const scope = [caller.merchantId, caller.livemode, from, to];

    const byStatus: { status: string; n: string }[] = await this.dataSource.query(
      `SELECT status, count(*)::text AS n FROM ${table}
       WHERE merchant_id = $1 AND livemode = $2 AND created_at >= $3 AND created_at < $4 GROUP BY status`,
      scope,
    );
    const count = (statuses: string[]) => byStatus.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + Number(r.n), 0);
    const created = byStatus.reduce((sum, r) => sum + Number(r.n), 0);
    const paidOfCreated = count(PAID_STATUSES);

    const volume: { currency: string; n: string; total: string }[] = await this.dataSource.query(
      `SELECT fiat_currency AS currency, count(*)::text AS n, sum(fiat_amount_minor)::text AS total FROM ${table}
       WHERE merchant_id = $1 AND livemode = $2 AND paid_at >= $3 AND paid_at < $4 AND status = ANY($5)
       GROUP BY fiat_currency ORDER BY fiat_currency`,
      [...scope, PAID_STATUSES],
    );
    const byAsset: { chain_id: number; asset_code: string; total: string }[] = await this.dataSource.query(
      `SELECT chain_id, asset_code, sum(amount_received_atomic)::text AS total FROM ${table}
       WHERE merchant_id = $1 AND livemode = $2 AND paid_at >= $3 AND paid_at < $4 AND status = ANY($5)
       GROUP BY chain_id, asset_code ORDER BY chain_id, asset_code`,
      [...scope, PAID_STATUSES],
    );
    const createdDaily: { day: string; n: string }[] = await this.dataSource.query(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::text AS n FROM ${table}
       WHERE merchant_id = $1 AND livemode = $2 AND created_at >= $3 AND created_at < $4 GROUP BY 1`,
      scope,
    );
    const paidDaily: { day: string; currency: string; n: string; total: string }[] = await this.dataSource.query(
      `SELECT to_char(paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, fiat_currency AS currency,
              count(*)::text AS n, sum(fiat_amount_minor)::text AS total FROM ${table}
       WHERE merchant_id = $1 AND livemode = $2 AND paid_at >= $3 AND paid_at < $4 AND status = ANY($5)
       GROUP BY 1, 2 ORDER BY 2`,
      [...scope, PAID_STATUSES],
    );

    const daily = [];
    for (let day = Math.floor(fromMs / DAY_MS) * DAY_MS; day < toMs; day += DAY_MS) {
      const date = new Date(day).toISOString().slice(0, 10);
      const paid = paidDaily.filter((r) => r.day === date);
      daily.push(
        create(DailyAnalyticsSchema, {
          date,
          sessionsCreated: Number(createdDaily.find((r) => r.day === date)?.n ?? 0),
          sessionsPaid: paid.reduce((sum, r) => sum + Number(r.n), 0),
          volume: paid.map((r) => create(FiatAmountSchema, { amountMinor: r.total, currency: r.currency })),
        }),
      );
    }
    const rate = conversionRate(paidOfCreated, created);
    return create(AnalyticsOverviewResponseSchema, {
      from: from.toISOString(),
      to: to.toISOString(),
      sessionsCreated: created,
      sessionsPaid: paidOfCreated,
      sessionsExpired: count(['expired']),
      sessionsUnderpaid: count(['underpaid']),
      conversionRateBps: rate.bps,
      conversionRate: rate.text,
      paymentsCount: volume.reduce((sum, r) => sum + Number(r.n), 0),
      volume: volume.map((r) => create(FiatAmountSchema, { amountMinor: r.total, currency: r.currency })),
      averagePayment: volume.map((r) =>
        create(FiatAmountSchema, { amountMinor: divideHalfUp(BigInt(r.total), BigInt(r.n)).toString(), currency: r.currency }),
      ),
      volumeByAsset: byAsset.map((r) => create(AssetVolumeSchema, { chainId: r.chain_id, assetCode: r.asset_code, amountAtomic: r.total })),
      daily,
    });
  }
}
