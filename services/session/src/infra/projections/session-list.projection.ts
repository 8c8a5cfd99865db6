import { fromJson, toJson, type JsonValue } from '@bufbuild/protobuf';
import { CheckoutSessionViewSchema, SessionStatus } from '@opencheckout/contracts';
import { periodEnd } from '../../domain/subscription-period.js';
import type { RecordedEventLike } from '@opencheckout/event-store';
import type { RowProjection } from '@opencheckout/messaging';
import { statusFromPb } from '../../domain/checkout-session.decider.js';
import { evolveView } from '../../domain/session-view.js';
import { decodeSessionEvent } from '../session-event-codec.js';

export interface SessionListRow extends Record<string, unknown> {
  session_id: string;
  merchant_id: string;
  livemode: boolean;
  status: string;
  created_at: string | Date;
  expires_at: string | Date;
  client_reference_id: string | null;
  view: JsonValue;
  subscription_id: string | null;
  /** Subscription mode: when the paid period ends and the next session is due; null otherwise. */
  renewal_due_at: string | Date | null;
  /** Renewed or canceled: this session issues no further period. */
  subscription_closed: boolean;
}

export const SESSION_EVENT_TYPES = [
  'session.created',
  'session.detected',
  'session.payment_confirmed',
  'session.paid',
  'session.overpaid',
  'session.paid_late',
  'session.underpaid',
  'session.expired',
  'session.canceled',
  'session.reverted',
  'session.payment_received_after_close',
  'session.amount_chosen',
  'session.subscription_renewed',
  'session.subscription_canceled',
];

/** Sessions for lists, filters and expiry sweeps: indexed columns plus the whole view as JSON. */
export const sessionListProjection: RowProjection<SessionListRow> = {
  name: 'session_list',
  table: 'session_list',
  primaryKey: 'session_id',
  columnsSql: [
    'session_id text NOT NULL',
    'merchant_id text NOT NULL',
    'livemode boolean NOT NULL',
    'status text NOT NULL',
    'created_at timestamptz NOT NULL',
    'expires_at timestamptz NOT NULL',
    'client_reference_id text',
    'view jsonb NOT NULL',
    'subscription_id text',
    'renewal_due_at timestamptz',
    'subscription_closed boolean NOT NULL DEFAULT false',
  ].join(', '),
  indexSql: (table, name) => [
    `CREATE INDEX IF NOT EXISTS "${name}_merchant_created_idx" ON ${table} (merchant_id, livemode, created_at DESC, session_id DESC)`,
    `CREATE INDEX IF NOT EXISTS "${name}_due_expiry_idx" ON ${table} (expires_at) WHERE status = 'pending'`,
    `CREATE INDEX IF NOT EXISTS "${name}_renewal_idx" ON ${table} (renewal_due_at) WHERE renewal_due_at IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS "${name}_subscription_idx" ON ${table} (subscription_id, created_at DESC) WHERE subscription_id IS NOT NULL`,
  ],
  handles: SESSION_EVENT_TYPES,
  key: (event: RecordedEventLike) => event.streamId,
  evolve(row, event) {
    const previous = row === null ? null : fromJson(CheckoutSessionViewSchema, row.view, { ignoreUnknownFields: true });
    const decoded = decodeSessionEvent(event);
    const view = evolveView(previous, decoded, event.occurredAt);
    const subscriptionId = view.subscriptionId === '' ? null : view.subscriptionId;
    const closed =
      (row?.subscription_closed ?? false) ||
      decoded.type === 'session.subscription_renewed' ||
      decoded.type === 'session.subscription_canceled';
    const paid = view.status === SessionStatus.PAID || view.status === SessionStatus.OVERPAID || view.status === SessionStatus.PAID_LATE;
    return {
      session_id: view.sessionId,
      merchant_id: view.merchantId,
      livemode: view.livemode,
      status: statusFromPb(view.status),
      created_at: view.createdAt,
      expires_at: view.expiresAt,
      client_reference_id: view.clientReferenceId === '' ? null : view.clientReferenceId,
      view: toJson(CheckoutSessionViewSchema, view, { alwaysEmitImplicit: true }),
      subscription_id: subscriptionId,
      renewal_due_at: subscriptionId !== null && paid && !closed ? periodEnd(view) : null,
      subscription_closed: closed,
    };
  },
};
