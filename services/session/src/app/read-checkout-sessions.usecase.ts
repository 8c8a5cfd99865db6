import { create, fromJson, type JsonValue } from '@bufbuild/protobuf';
import {
  CheckoutSessionViewSchema,
  ListCheckoutSessionsResponseSchema,
  type CheckoutSessionView,
  type GetCheckoutSessionRequest,
  type ListCheckoutSessionsRequest,
  type ListCheckoutSessionsResponse,
} from '@opencheckout/contracts';
import { NotFoundError, ValidationError } from '@opencheckout/errors';
import type { DataSource } from 'typeorm';
import { statusFromPb } from '../domain/checkout-session.decider.js';
import { presentView } from './present-view.js';
import type { SessionRepository } from './session-repository.js';

const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 10;

/** Reads: one session from its stream (always current), lists from the projection. */
export class ReadCheckoutSessionsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly sessions: SessionRepository,
    private readonly publicUrl: string,
  ) {}

  /**
   * A merchant sees its own sessions of its key's mode only; any other id is
   * "missing", never "forbidden", so ids reveal nothing. No context: the hosted page.
   */
  async get(request: GetCheckoutSessionRequest): Promise<CheckoutSessionView> {
    const loaded = request.sessionId === '' ? null : await this.sessions.load(request.sessionId);
    const context = request.context;
    if (
      loaded === null ||
      (context !== undefined &&
        context.merchantId !== '' &&
        (loaded.view.merchantId !== context.merchantId || loaded.view.livemode !== context.livemode))
    ) {
      throw new NotFoundError('checkout session', request.sessionId);
    }
    return presentView(loaded.view, this.publicUrl);
  }

  async list(request: ListCheckoutSessionsRequest): Promise<ListCheckoutSessionsResponse> {
    const context = request.context;
    if (context === undefined || context.merchantId === '') {
      throw new ValidationError('The request has no merchant context.', { code: 'context_missing' });
    }
    const page = request.page;
    const limit = page?.limit ? page.limit : DEFAULT_LIMIT;
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationError(`limit must be between 1 and ${MAX_LIMIT}.`, { param: 'limit', code: 'limit_invalid' });
    }
    if (page?.startingAfter && page?.endingBefore) {
      throw new ValidationError('Give starting_after or ending_before, not both.', { param: 'ending_before' });
    }
    const params: unknown[] = [context.merchantId, context.livemode];
    const where = ['merchant_id = $1', 'livemode = $2'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (request.status.length > 0) add('status = ANY(?)', request.status.map((status) => statusFromPb(status)));
    if (request.created?.gte) add('created_at >= ?', request.created.gte);
    if (request.created?.lte) add('created_at <= ?', request.created.lte);
    if (request.clientReferenceId) add('client_reference_id = ?', request.clientReferenceId);
    const cursorId = page?.startingAfter || page?.endingBefore;
    const backwards = Boolean(page?.endingBefore);
    if (cursorId) {
      const cursor: { created_at: Date }[] = await this.dataSource.query(
        `SELECT created_at FROM "${this.schema}".session_list WHERE session_id = $1 AND merchant_id = $2 AND livemode = $3`,
        [cursorId, context.merchantId, context.livemode],
      );
      if (cursor.length === 0) {
        throw new NotFoundError('checkout session', cursorId, {
          param: backwards ? 'ending_before' : 'starting_after',
        });
      }
      params.push(cursor[0]!.created_at, cursorId);
      const a = `$${params.length - 1}`;
      const b = `$${params.length}`;
      where.push(backwards ? `(created_at, session_id) > (${a}, ${b})` : `(created_at, session_id) < (${a}, ${b})`);
    }
    params.push(limit + 1);
    const order = backwards ? 'created_at ASC, session_id ASC' : 'created_at DESC, session_id DESC';
    const rows: { view: JsonValue }[] = await this.dataSource.query(
      `SELECT view FROM "${this.schema}".session_list WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    );
    const hasMore = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    if (backwards) pageRows.reverse();
    return create(ListCheckoutSessionsResponseSchema, {
      data: pageRows.map((row) =>
        presentView(fromJson(CheckoutSessionViewSchema, row.view, { ignoreUnknownFields: true }), this.publicUrl),
      ),
      hasMore,
    });
  }
}
