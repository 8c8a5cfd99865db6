// Confirming block → `session.paid` on the bus, through the running platform:
// create a session over HTTP, pay it on the platform's anvil, mine up to the
// block that completes its confirmations, and time until that session's
// `session.paid` arrives on NATS.
import { performance } from 'node:perf_hooks';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createPublicClient, createWalletClient, http as viemHttp, type Address } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { ANVIL_MNEMONIC } from '@opencheckout/chain/testing';
import { createSession, eventually } from '../support/platform.js';
import { percentile, progress } from './step-runner.js';

export interface SessionPaidLatencyResult {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  samples: number;
  confirmationsRequired: number;
}

/** Arrival times (performance.now()) of events of one type on the bus, by session id. */
async function watchEvents(nc: NatsConnection, subject: string): Promise<Map<string, number>> {
  const arrivals = new Map<string, number>();
  nc.subscribe(subject, {
    callback: (error, message) => {
      if (error) return;
      const at = performance.now();
      const event = message.json<{ streamId?: string; data?: { sessionId?: string } }>();
      const id = event.data?.sessionId ?? event.streamId?.replace(/^session-/, '');
      if (id && !arrivals.has(id)) arrivals.set(id, at);
    },
  });
  await nc.flush();
  return arrivals;
}

export async function sessionPaidLatency(options: {
  key: string;
  natsUrl: string;
  subjectPrefix: string;
  rpcUrl: string;
  chainId: number;
  payments: number;
}): Promise<SessionPaidLatencyResult> {
  const chain = { ...foundry, id: options.chainId, rpcUrls: { default: { http: [options.rpcUrl] } } };
  const client = createPublicClient({ chain, transport: viemHttp(options.rpcUrl), pollingInterval: 10 });
  const wallet = createWalletClient({ account: mnemonicToAccount(ANVIL_MNEMONIC), chain, transport: viemHttp(options.rpcUrl) });
  const mine = () => client.request({ method: 'anvil_mine' as never, params: ['0x1'] as never });
  const nc = await connect({ servers: options.natsUrl });
  const samples: number[] = [];
  let confirmationsRequired = 0;
  try {
    const created = await watchEvents(nc, `${options.subjectPrefix}.session.created`);
    const paid = await watchEvents(nc, `${options.subjectPrefix}.session.paid`);
    for (let i = 0; i < options.payments; i += 1) {
      const answer = await createSession(options.key, { amount: { value: '10.00', currency: 'USD' }, asset: 'ETH', chain: String(options.chainId) });
      if (answer.status !== 200) throw new Error(`session create answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      const session = answer.body as { id: string; address: Address; amount: { atomic: string }; confirmationsRequired: number };
      confirmationsRequired = session.confirmationsRequired;
      // The watcher learns addresses from session.created on the stream: pay only once it is there.
      await eventually(async () => created.get(session.id), 10_000, `session.created of ${session.id}`);
      let confirmingAt = performance.now();
      const hash = await wallet.sendTransaction({ to: session.address, value: BigInt(session.amount.atomic) });
      await client.waitForTransactionReceipt({ hash, pollingInterval: 10 });
      // The inclusion block is the first confirmation; the last mined block completes them.
      for (let n = 1; n < session.confirmationsRequired; n += 1) {
        confirmingAt = performance.now();
        await mine();
      }
      const arrivedAt = await eventually(async () => paid.get(session.id), 30_000, `session.paid of ${session.id}`);
      samples.push(arrivedAt - confirmingAt);
      progress(`session.paid ${i + 1}/${options.payments}: ${Math.round(arrivedAt - confirmingAt)} ms`);
    }
  } finally {
    await nc.close();
  }
  samples.sort((a, b) => a - b);
  return {
    p50Ms: Math.round(percentile(samples, 50)),
    p95Ms: Math.round(percentile(samples, 95)),
    maxMs: Math.round(samples[samples.length - 1] ?? Number.NaN),
    samples: samples.length,
    confirmationsRequired,
  };
}
