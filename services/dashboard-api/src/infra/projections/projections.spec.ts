import { describe, expect, it } from '@jest/globals';
import { create, type Message } from '@bufbuild/protobuf';
import {
  FiatAmountSchema,
  MerchantCreatedSchema,
  MerchantWebhookEndpointCreatedSchema,
  PaymentAssetSchema,
  PaymentRefSchema,
  PayToSchema,
  SessionCreatedSchema,
  SessionDetectedSchema,
  SessionMode,
  SessionPaidSchema,
  SessionRevertedSchema,
  SessionStatus,
  SessionUnderpaidSchema,
  encodeEventData,
} from '@opencheckout/contracts';
import type { RecordedEventLike } from '@opencheckout/event-store';
import type { RowProjection } from '@opencheckout/messaging';
import { eventsLogProjection, type EventLogRow } from './events-log.projection.js';
import { transactionsProjection, type TransactionRow } from './transactions.projection.js';

let position = 0n;
function recorded(type: string, message: Message, streamId: string, occurredAt: string): RecordedEventLike {
  position += 1n;
  const data = encodeEventData(type, message);
  return {
    eventId: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    streamId,
    version: Number(position),
    globalPosition: position,
    occurredAt,
    metadata: { eventId: 'x', correlationId: 'corr-1', occurredAt, merchantId: 'mer_1' },
    data,
  };
}

/** What the runner does: key, evolve, keep by key. */
function project<Row extends Record<string, unknown>>(projection: RowProjection<Row>, events: RecordedEventLike[]): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const event of events) {
    if (!projection.handles.includes(event.type)) continue;
    const key = projection.key(event);
    if (key === null) continue;
    const next = projection.evolve(rows.get(key) ?? null, event);
    if (next === null) rows.delete(key);
    else rows.set(key, next);
  }
  return rows;
}

const base = { sessionId: 'cs_test_1', merchantId: 'mer_1', livemode: false };
const created = create(SessionCreatedSchema, {
  ...base,
  sequence: 1,
  mode: SessionMode.PAYMENT,
  fiat: create(FiatAmountSchema, { amountMinor: '1999', currency: 'usd' }),
  asset: create(PaymentAssetSchema, { chainId: 31337, assetCode: 'USDC', symbol: 'USDC', decimals: 6 }),
  amountDueAtomic: '19990000',
  payTo: create(PayToSchema, { address: '0xpay', walletId: 'wal_1', derivationIndex: 0 }),
  clientReferenceId: 'order-7',
  createdAt: '2026-11-22T10:00:00.000Z',
});
const pay = (txHash: string) => create(PaymentRefSchema, { chainId: 31337, txHash, logIndex: 0 });

describe('transactions projection', () => {
  const events = [
    recorded('session.created', created, 'cs_test_1', '2026-11-22T10:00:00.000Z'),
    recorded(
      'session.detected',
      create(SessionDetectedSchema, { ...base, sequence: 2, payment: pay('0xt1'), amountReceivedAtomic: '10000000', amountDueAtomic: '19990000', amountAtomic: '10000000', from: '0xbuyer' }),
      'cs_test_1',
      '2026-11-22T10:01:00.000Z',
    ),
    recorded(
      'session.underpaid',
      create(SessionUnderpaidSchema, { ...base, sequence: 3, payment: pay('0xt1'), amountReceivedAtomic: '10000000', amountDueAtomic: '19990000' }),
      'cs_test_1',
      '2026-11-22T10:02:00.000Z',
    ),
    recorded(
      'session.detected',
      create(SessionDetectedSchema, { ...base, sequence: 4, payment: pay('0xt2'), amountReceivedAtomic: '19990000', amountDueAtomic: '19990000', amountAtomic: '9990000', from: '0xother' }),
      'cs_test_1',
      '2026-11-22T10:03:00.000Z',
    ),
    recorded(
      'session.paid',
      create(SessionPaidSchema, { ...base, sequence: 5, payment: pay('0xt2'), amountReceivedAtomic: '19990000', amountDueAtomic: '19990000' }),
      'cs_test_1',
      '2026-11-22T10:04:00.000Z',
    ),
  ];

  it('folds a session into one row: status, amounts, the first payer, every tx hash, paid time', () => {
    const rows = project(transactionsProjection, events);
    expect([...rows.values()] as TransactionRow[]).toEqual([
      {
        session_id: 'cs_test_1',
        merchant_id: 'mer_1',
        livemode: false,
        status: 'paid',
        mode: 'payment',
        fiat_amount_minor: '1999',
        fiat_currency: 'usd',
        chain_id: 31337,
        asset_code: 'USDC',
        asset_decimals: 6,
        amount_due_atomic: '19990000',
        amount_received_atomic: '19990000',
        pay_to_address: '0xpay',
        customer_address: '0xbuyer',
        tx_hashes: ['0xt1', '0xt2'],
        client_reference_id: 'order-7',
        created_at: '2026-11-22T10:00:00.000Z',
        paid_at: '2026-11-22T10:04:00.000Z',
        expired_at: null,
        canceled_at: null,
        updated_at: '2026-11-22T10:04:00.000Z',
      },
    ]);
  });

  it('undoes the paid time when a reorg takes the payment back, and a replayed creation resets nothing', () => {
    const reverted = recorded(
      'session.reverted',
      create(SessionRevertedSchema, {
        ...base,
        sequence: 6,
        payment: pay('0xt2'),
        amountRevertedAtomic: '9990000',
        amountReceivedAtomic: '10000000',
        amountDueAtomic: '19990000',
        previousStatus: SessionStatus.PAID,
        status: SessionStatus.UNDERPAID,
      }),
      'cs_test_1',
      '2026-11-22T10:05:00.000Z',
    );
    const rows = project(transactionsProjection, [...events, reverted, events[0]!]);
    expect(rows.get('cs_test_1')).toMatchObject({ status: 'underpaid', paid_at: null, amount_received_atomic: '10000000' });
  });

  it('refuses to fold a later event without the creation (dead letter, not a made-up row)', () => {
    expect(() => project(transactionsProjection, [events[1]!])).toThrow(/before session.created/);
  });
});

describe('events log projection', () => {
  it('logs every merchant event once, without secrets, merchant-wide events in both modes', () => {
    const merchantCreated = recorded(
      'merchant.created',
      create(MerchantCreatedSchema, { merchantId: 'mer_1', name: 'Shop', createdAt: '2026-11-22T09:00:00.000Z' }),
      'mer_1',
      '2026-11-22T09:00:00.000Z',
    );
    const endpoint = recorded(
      'merchant.webhook_endpoint_created',
      create(MerchantWebhookEndpointCreatedSchema, { merchantId: 'mer_1', endpointId: 'we_1', url: 'https://x.example.com', livemode: true, secretCiphertext: 'ocs1.k.SEALED' }),
      'mer_1',
      '2026-11-22T09:01:00.000Z',
    );
    const session = recorded('session.created', created, 'cs_test_1', '2026-11-22T10:00:00.000Z');
    const rows = project(eventsLogProjection, [merchantCreated, endpoint, session, endpoint]);
    expect(rows.size).toBe(3);
    const logged = rows.get(endpoint.eventId) as EventLogRow;
    expect(logged).toMatchObject({ merchant_id: 'mer_1', livemode: true, type: 'merchant.webhook_endpoint_created', correlation_id: 'corr-1' });
    expect(JSON.stringify(logged)).not.toContain('SEALED');
    expect(logged.data).not.toHaveProperty('secretCiphertext');
    expect(rows.get(merchantCreated.eventId)).toMatchObject({ livemode: null });
    expect(rows.get(session.eventId)).toMatchObject({ livemode: false, stream_id: 'cs_test_1', data: { clientReferenceId: 'order-7' } });
  });
});
