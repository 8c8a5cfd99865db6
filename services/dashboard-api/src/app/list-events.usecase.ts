import { create, type JsonObject } from '@bufbuild/protobuf';
import { EventEnvelopeSchema, ListEventsResponseSchema, type ListEventsRequest, type ListEventsResponse } from '@opencheckout/contracts';
import { NotFoundError, ValidationError } from '@opencheckout/errors';
import type { DataSource } from 'typeorm';
import { requireScope } from '../domain/api-key-scopes.js';
import { pageLimit } from './paginate.js';
import { callerOf } from './request-context.js';

interface EventRowOut {
  event_id: string;
  merchant_id: string;
  livemode: boolean | null;
  type: string;
  schema_version: number;
  stream_id: string;
  version: number;
  global_position: string;
  occurred_at: Date;
  correlation_id: string;
  causation_id: string;
  data: JsonObject;
}

const ORDER_KEY = '(occurred_at, stream_id, version, event_id)';

/** GET /api/v1/events: the merchant's events of the caller's mode (and merchant-wide ones), newest first. */
export class ListEventsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  async execute(request: ListEventsRequest): Promise<ListEventsResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'checkout_sessions:read');
    const limit = pageLimit(request.page);
    const table = `"${this.schema}".events_log`;
    const params: unknown[] = [caller.merchantId, caller.livemode];
    const where = ['merchant_id = $1', '(livemode = $2 OR livemode IS NULL)'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (request.types.length > 0) {
      const exact = request.types.filter((type) => !type.endsWith('.*'));
      const prefixes = request.types.filter((type) => type.endsWith('.*')).map((type) => type.slice(0, -1));
      for (const type of request.types) {
        if (!/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/.test(type)) {
          throw new ValidationError(`Invalid event type filter '${type.slice(0, 64)}'.`, { param: 'types', code: 'event_type_invalid' });
        }
      }
      params.push(exact, prefixes.map((prefix) => `${prefix}%`));
      where.push(`(type = ANY($${params.length - 1}) OR type LIKE ANY($${params.length}))`);
    }
    for (const [bound, op] of [['gte', '>='], ['lte', '<=']] as const) {
      const value = request.created?.[bound];
      if (!value) continue;
      if (Number.isNaN(Date.parse(value))) throw new ValidationError(`created.${bound} must be an RFC 3339 time.`, { param: `created[${bound}]` });
      add(`occurred_at ${op} ?`, value);
    }
    if (request.streamId) add('stream_id = ?', request.streamId);
    const page = request.page;
    const cursorId = page?.startingAfter || page?.endingBefore;
    const backwards = Boolean(page?.endingBefore);
    if (cursorId) {
      const cursor: { occurred_at: Date; stream_id: string; version: number }[] = await this.dataSource.query(
        `SELECT occurred_at, stream_id, version FROM ${table} WHERE event_id = $1 AND merchant_id = $2 AND (livemode = $3 OR livemode IS NULL)`,
        [cursorId, caller.merchantId, caller.livemode],
      );
      if (cursor.length === 0) throw new NotFoundError('event', cursorId, { param: backwards ? 'ending_before' : 'starting_after' });
      params.push(cursor[0]!.occurred_at, cursor[0]!.stream_id, cursor[0]!.version, cursorId);
      const n = params.length;
      where.push(`${ORDER_KEY} ${backwards ? '>' : '<'} ($${n - 3}, $${n - 2}, $${n - 1}, $${n})`);
    }
    params.push(limit + 1);
    const direction = backwards ? 'ASC' : 'DESC';
    const rows: EventRowOut[] = await this.dataSource.query(
      `SELECT * FROM ${table} WHERE ${where.join(' AND ')}
       ORDER BY occurred_at ${direction}, stream_id ${direction}, version ${direction}, event_id ${direction} LIMIT $${params.length}`,
      params,
    );
    const hasMore = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    if (backwards) pageRows.reverse();
    return create(ListEventsResponseSchema, {
      data: pageRows.map((row) =>
        create(EventEnvelopeSchema, {
          eventId: row.event_id,
          type: row.type,
          schemaVersion: row.schema_version,
          streamId: row.stream_id,
          version: row.version,
          globalPosition: row.global_position,
          occurredAt: new Date(row.occurred_at).toISOString(),
          correlationId: row.correlation_id,
          causationId: row.causation_id,
          merchantId: row.merchant_id,
          livemode: row.livemode ?? caller.livemode,
          data: row.data,
        }),
      ),
      hasMore,
    });
  }
}
