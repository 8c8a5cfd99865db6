import { create } from '@bufbuild/protobuf';
import { ExportFormat, ExportSessionsResponseSchema, type ExportSessionsRequest, type ExportSessionsResponse } from '@opencheckout/contracts';
import { ValidationError } from '@opencheckout/errors';
import type { DataSource } from 'typeorm';
import { requireScope } from '../domain/api-key-scopes.js';
import { sessionStatusName } from '../infra/projections/transactions.projection.js';
import { toCsv } from './csv.js';
import { callerOf } from './request-context.js';

export const EXPORT_MAX_ROWS = 50_000;

export const EXPORT_COLUMNS = [
  'session_id',
  'status',
  'livemode',
  'mode',
  'created_at',
  'paid_at',
  'expired_at',
  'canceled_at',
  'fiat_amount_minor',
  'fiat_currency',
  'chain_id',
  'asset_code',
  'asset_decimals',
  'amount_due_atomic',
  'amount_received_atomic',
  'pay_to_address',
  'customer_address',
  'tx_hashes',
  'client_reference_id',
] as const;

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], unknown>;

function iso(value: unknown): string | null {
  return value === null || value === undefined ? null : new Date(value as string).toISOString();
}

/** The transactions read model as CSV or JSON, newest first, filtered by creation time and status. */
export class ExportSessionsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly clock: () => Date,
  ) {}

  async execute(request: ExportSessionsRequest): Promise<ExportSessionsResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'checkout_sessions:read');
    const format = request.format === ExportFormat.JSON ? 'json' : 'csv';
    const params: unknown[] = [caller.merchantId, caller.livemode];
    const where = ['merchant_id = $1', 'livemode = $2'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    for (const [bound, op] of [['gte', '>='], ['lte', '<=']] as const) {
      const value = request.created?.[bound];
      if (!value) continue;
      if (Number.isNaN(Date.parse(value))) throw new ValidationError(`created.${bound} must be an RFC 3339 time.`, { param: `created[${bound}]` });
      add(`created_at ${op} ?`, value);
    }
    if (request.status.length > 0) {
      let names: string[];
      try {
        names = request.status.map(sessionStatusName);
      } catch {
        throw new ValidationError('Unknown status filter.', { param: 'status' });
      }
      add('status = ANY(?)', names);
    }
    params.push(EXPORT_MAX_ROWS + 1);
    const rows: ExportRow[] = await this.dataSource.query(
      `SELECT ${EXPORT_COLUMNS.join(', ')} FROM "${this.schema}".transactions WHERE ${where.join(' AND ')}
       ORDER BY created_at DESC, session_id DESC LIMIT $${params.length}`,
      params,
    );
    if (rows.length > EXPORT_MAX_ROWS) {
      throw new ValidationError(`An export holds at most ${EXPORT_MAX_ROWS} sessions; narrow the created range.`, {
        param: 'created',
        code: 'export_too_large',
      });
    }
    const records = rows.map((row) => ({
      ...row,
      created_at: iso(row.created_at),
      paid_at: iso(row.paid_at),
      expired_at: iso(row.expired_at),
      canceled_at: iso(row.canceled_at),
    }));
    const stamp = this.clock().toISOString().replace(/[:.]/g, '-');
    const filename = `checkout-sessions-${caller.livemode ? 'live' : 'test'}-${stamp}.${format}`;
    const body =
      format === 'json'
        ? JSON.stringify(records)
        : toCsv(
            EXPORT_COLUMNS,
            records.map((record) =>
              EXPORT_COLUMNS.map((column) => (column === 'tx_hashes' ? (record.tx_hashes as string[]).join(' ') : record[column])),
            ),
          );
    return create(ExportSessionsResponseSchema, {
      contentType: format === 'json' ? 'application/json' : 'text/csv',
      filename,
      body,
      rowCount: records.length,
    });
  }
}
