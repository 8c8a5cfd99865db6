import { beforeAll, describe, expect, it } from '@jest/globals';
import { canonicalHash, mine, payNative, payUsdc, reorg, type Sent } from './support/chain.js';
import { e2eEnv } from './support/e2e-env.js';
import { createMerchant, createSession, eventually, http, type TestMerchant } from './support/platform.js';

/**
 * Issue 4 "Must show": money on the e2e anvil chain turns into session
 * statuses through the running watcher and session services. The chain
 * automines one block per transaction; confirmations are mined here
 * explicitly (3 required), so nothing waits on a block timer. The e2e platform
 * runs with SESSION_MIN_EXPIRES_SECONDS=2 and SESSION_LATE_GRACE_SECONDS=8
 * (scripts/infra/services.mjs E2E_PAYMENT_ENV).
 */

const GRACE_MS = 8_000;
const SETTLE_MS = 15_000;

/** The parts of the native session answer (gateway native-session.presenter.ts) these cases read. */
interface Payment {
  chainId: number;
  txHash: string;
  logIndex: number;
  from: string | null;
  amount: { atomic: string };
  blockNumber: number | null;
  confirmations: number;
  status: 'detected' | 'confirmed' | 'reverted';
  afterClose: boolean;
}
interface Session {
  id: string;
  status: string;
  address: string;
  amount: { atomic: string };
  amountReceived: { atomic: string };
  asset: { code: string; decimals: number; tokenAddress: string | null };
  payments: Payment[];
  confirmationsRequired: number;
  sequence: number;
  expiresAt: string;
  paidAt: string | null;
}
interface SessionEventRow {
  type: string;
  sequence: number;
  data: Record<string, unknown>;
}

let merchant: TestMerchant;

async function getSession(id: string): Promise<Session> {
  const answer = await http<Session>('GET', `/api/v1/checkout_sessions/${id}`, { key: merchant.key });
  if (answer.status !== 200) throw new Error(`GET ${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** The session's events from the merchant's event log, oldest first. */
async function sessionEvents(id: string): Promise<SessionEventRow[]> {
  const answer = await http<{ data: SessionEventRow[] }>('GET', `/api/v1/events?sessionId=${id}&limit=100`, { key: merchant.key });
  if (answer.status !== 200) throw new Error(`GET events: ${answer.status} ${JSON.stringify(answer.body)}`);
  return [...answer.body.data].sort((a, b) => a.sequence - b.sequence);
}

/** Polls the session until `accept` holds; answers the session then. */
function sessionWhere(id: string, accept: (session: Session) => boolean, what: string): Promise<Session> {
  return eventually(async () => {
    const session = await getSession(id);
    return accept(session) ? session : undefined;
  }, SETTLE_MS, `${id} ${what}`);
}

const statusIs = (id: string, status: string) => sessionWhere(id, (s) => s.status === status, `to be ${status}`);

/** Polls the event log until the session's events reach `sequence`; answers them oldest first. */
function eventsUpTo(id: string, sequence: number): Promise<SessionEventRow[]> {
  return eventually(async () => {
    const events = await sessionEvents(id);
    return (events.at(-1)?.sequence ?? 0) >= sequence ? events : undefined;
  }, SETTLE_MS, `${id}'s events up to sequence ${sequence}`);
}

/**
 * A new session whose address the watcher already knows: session.created is on
 * the bus once the event log shows it, and the watcher catches up with the bus
 * before each block it reads.
 */
async function openSession(body: Record<string, unknown>): Promise<Session> {
  const created = await createSession(merchant.key, { amount: { value: '10.00', currency: 'USD' }, ...body });
  if (created.status !== 200) throw new Error(`session create: ${created.status} ${JSON.stringify(created.body)}`);
  const session = created.body as unknown as Session;
  await eventually(async () => ((await sessionEvents(session.id)).some((e) => e.type === 'session.created') ? true : undefined), SETTLE_MS, `${session.id} on the bus`);
  return session;
}

const due = (session: Session) => BigInt(session.amount.atomic);

/** Waits until `ms` since the epoch has passed; block timestamps are whole seconds, so callers add a second of margin. */
function clockPast(ms: number, what: string): Promise<true> {
  return eventually(async () => (Date.now() > ms ? true : undefined), ms - Date.now() + 5_000, what);
}

function expectPayment(session: Session, sent: Sent, fields: Record<string, unknown>): Payment {
  const payment = session.payments.find((p) => p.txHash.toLowerCase() === sent.hash.toLowerCase());
  expect(payment).toBeDefined();
  expect(payment).toMatchObject({ chainId: e2eEnv().chain.chainId, blockNumber: Number(sent.blockNumber), ...fields });
  return payment!;
}

describe('on-chain payments through the running system', () => {
  let afterGrace: Session;

  beforeAll(async () => {
    merchant = await createMerchant('E2E payments');
    // Its clock runs while the other cases do: paid after expiry + grace at the end.
    afterGrace = await openSession({ expiresInSeconds: 2 });
  });

  it('exact pay: detected at once, paid at 3 confirmations, with the tx in payments', async () => {
    const session = await openSession({});
    expect(session).toMatchObject({ status: 'pending', confirmationsRequired: 3, asset: { code: 'ETH', decimals: 18 } });
    const sent = await payNative(session.address, due(session));

    const detected = await statusIs(session.id, 'detected');
    expectPayment(detected, sent, { status: 'detected', amount: { atomic: session.amount.atomic }, from: expect.stringMatching(/^0x/i) });
    expect(detected.amountReceived.atomic).toBe(session.amount.atomic);

    // The paying block is the first confirmation; two more make the required three.
    await mine(2);
    const paid = await statusIs(session.id, 'paid');
    expectPayment(paid, sent, { status: 'confirmed', confirmations: 3 });
    expect(paid.amountReceived.atomic).toBe(session.amount.atomic);
    expect(paid.paidAt).toEqual(expect.any(String));

    const events = await eventsUpTo(session.id, paid.sequence);
    expect(events.map((e) => [e.sequence, e.type])).toEqual([
      [1, 'session.created'],
      [2, 'session.detected'],
      [3, 'session.paid'],
    ]);
    expect(paid.sequence).toBe(3);
  });

  it('late within the grace window: expired, then paid_late', async () => {
    const session = await openSession({ expiresInSeconds: 2 });
    await statusIs(session.id, 'expired');
    await clockPast(Date.parse(session.expiresAt) + 1_000, 'a block time after expiry');
    const sent = await payNative(session.address, due(session));
    // The case's premise: the paying block's time falls inside the grace window.
    expect(sent.timestamp * 1000).toBeGreaterThan(Date.parse(session.expiresAt));
    expect(sent.timestamp * 1000).toBeLessThanOrEqual(Date.parse(session.expiresAt) + GRACE_MS);
    await mine(2);
    const late = await statusIs(session.id, 'paid_late');
    expectPayment(late, sent, { status: 'confirmed', afterClose: false });
    expect(late.amountReceived.atomic).toBe(session.amount.atomic);
    const types = (await eventsUpTo(session.id, late.sequence)).map((e) => e.type);
    expect(types).toEqual(['session.created', 'session.expired', 'session.detected', 'session.paid_late']);
  });

  it('underpaid, overpaid and ERC-20 (USDC) payments settle on their own statuses', async () => {
    const [under, over, usdc] = await Promise.all([
      openSession({}),
      openSession({}),
      openSession({ asset: 'USDC' }),
    ]);
    expect(usdc.asset).toMatchObject({ code: 'USDC', decimals: 6 });
    expect(usdc.asset.tokenAddress?.toLowerCase()).toBe((e2eEnv().chain as { usdcAddress?: string }).usdcAddress?.toLowerCase());
    // Stablecoins price 1:1: 10.00 USD is 10 USDC at 6 decimals.
    expect(usdc.amount.atomic).toBe('10000000');

    const underSent = await payNative(under.address, due(under) - due(under) / 10n);
    const overSent = await payNative(over.address, due(over) + due(over) / 10n);
    const usdcSent = await payUsdc(usdc.address, due(usdc));
    await mine(2);

    const [underpaid, overpaid, usdcPaid] = await Promise.all([
      statusIs(under.id, 'underpaid'),
      statusIs(over.id, 'overpaid'),
      statusIs(usdc.id, 'paid'),
    ]);
    expect(underpaid.amountReceived.atomic).toBe((due(under) - due(under) / 10n).toString());
    expect(underpaid.paidAt).toBeNull();
    expectPayment(underpaid, underSent, { status: 'confirmed' });
    expect(overpaid.amountReceived.atomic).toBe((due(over) + due(over) / 10n).toString());
    expectPayment(overpaid, overSent, { status: 'confirmed' });
    expect(usdcPaid.amountReceived.atomic).toBe('10000000');
    const token = expectPayment(usdcPaid, usdcSent, { status: 'confirmed', amount: { atomic: '10000000' } });
    expect(token.logIndex).toBeGreaterThanOrEqual(0);
  });

  it('two partial payments add up: underpaid, then paid', async () => {
    const session = await openSession({});
    const half = due(session) / 2n;
    const first = await payNative(session.address, half);
    await mine(2);
    const underpaid = await statusIs(session.id, 'underpaid');
    expect(underpaid.amountReceived.atomic).toBe(half.toString());

    const second = await payNative(session.address, due(session) - half);
    const topping = await sessionWhere(session.id, (s) => s.payments.length === 2, 'to see the second payment');
    expect(topping.status).toBe('detected');
    await mine(2);
    const paid = await statusIs(session.id, 'paid');
    expect(paid.amountReceived.atomic).toBe(session.amount.atomic);
    expectPayment(paid, first, { status: 'confirmed' });
    expectPayment(paid, second, { status: 'confirmed' });
  });

  it('a reorg of depth 2 before confirmation reverts the payment to pending; paying again works', async () => {
    const session = await openSession({});
    const lost = await payNative(session.address, due(session));
    await statusIs(session.id, 'detected');
    await mine(1);
    await reorg(2);
    // The paying block left the canonical chain.
    expect(await canonicalHash(lost.blockNumber)).not.toBe(lost.blockHash);

    const reverted = await statusIs(session.id, 'pending');
    expect(reverted.amountReceived.atomic).toBe('0');
    expectPayment(reverted, lost, { status: 'reverted' });
    const revertedEvent = (await eventsUpTo(session.id, reverted.sequence)).find((e) => e.type === 'session.reverted');
    expect(revertedEvent).toBeDefined();

    const again = await payNative(session.address, due(session));
    await mine(2);
    const paid = await statusIs(session.id, 'paid');
    expect(paid.amountReceived.atomic).toBe(session.amount.atomic);
    expectPayment(paid, again, { status: 'confirmed', confirmations: 3 });
    expectPayment(paid, lost, { status: 'reverted' });
    const types = (await eventsUpTo(session.id, paid.sequence)).map((e) => e.type);
    expect(types).toEqual(['session.created', 'session.detected', 'session.reverted', 'session.detected', 'session.paid']);
  });

  it('a reorg that removes a confirmed payment never leaves the session paid', async () => {
    const session = await openSession({});
    const lost = await payNative(session.address, due(session));
    await mine(2);
    await statusIs(session.id, 'paid');
    // Exactly the paying block and its two confirmations: no other case's payment is in them.
    await reorg(3);
    expect(await canonicalHash(lost.blockNumber)).not.toBe(lost.blockHash);

    const reverted = await sessionWhere(session.id, (s) => s.status !== 'paid', 'to leave paid');
    expect(reverted.status).toBe('pending');
    expect(reverted.amountReceived.atomic).toBe('0');
    expect(reverted.paidAt).toBeNull();
    expectPayment(reverted, lost, { status: 'reverted' });
    const types = (await eventsUpTo(session.id, reverted.sequence)).map((e) => e.type);
    expect(types.slice(-1)).toEqual(['session.reverted']);
  });

  it('money after the grace window is recorded on the session, which stays expired', async () => {
    await statusIs(afterGrace.id, 'expired');
    await clockPast(Date.parse(afterGrace.expiresAt) + GRACE_MS + 1_000, 'the end of the grace window');
    const sent = await payNative(afterGrace.address, due(afterGrace));
    // The case's premise: the paying block's time is past the grace window.
    expect(sent.timestamp * 1000).toBeGreaterThan(Date.parse(afterGrace.expiresAt) + GRACE_MS);
    await mine(2);
    const recorded = await sessionWhere(afterGrace.id, (s) => s.payments.some((p) => p.afterClose), 'to record the late money');
    expect(recorded.status).toBe('expired');
    expect(recorded.amountReceived.atomic).toBe('0');
    const payment = recorded.payments.find((p) => p.afterClose);
    expect(payment).toMatchObject({ txHash: sent.hash, amount: { atomic: afterGrace.amount.atomic }, afterClose: true });
    const types = (await eventsUpTo(afterGrace.id, recorded.sequence)).map((e) => e.type);
    expect(types).toEqual(['session.created', 'session.expired', 'session.payment_received_after_close']);
  });
});
