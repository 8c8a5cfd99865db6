#!/usr/bin/env node
// `npm run bench`: the benchmarks, one after another, each in its own Node
// process (TypeScript through the swc loader): event store, platform (gateway
// create-session throughput and its floor, confirming block → session.paid),
// chain (block processor, payment watcher), webhooks. Prints a table and
// appends a dated section to e2e/bench/RESULTS.md.
// BENCH_QUICK=1: short runs for a smoke test; nothing is written then.
// BENCH_ONLY=event-store,platform,chain,webhooks: a subset (nothing is written either).
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { cpus, freemem, totalmem, tmpdir, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { build } from './build.mjs';
import { repoRoot } from './infra/paths.mjs';
import { provideTestInfra } from './infra/test-infra.mjs';

const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const resultsFile = join(repoRoot, 'e2e', 'bench', 'RESULTS.md');

const steps = [
  { id: 'event-store', script: 'e2e/bench/event-store.step.ts', timeoutMinutes: quick ? 3 : 10 },
  { id: 'platform', script: 'e2e/bench/platform.step.ts', timeoutMinutes: quick ? 5 : 10 },
  { id: 'chain', script: 'e2e/bench/chain.step.ts', timeoutMinutes: quick ? 3 : 10 },
  { id: 'webhooks', script: 'e2e/bench/webhooks.step.ts', timeoutMinutes: quick ? 3 : 10 },
].filter((step) => !only || only.has(step.id));

let current;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    current?.(signal);
  });
}

/** Runs one step in its own process group (so a stop reaches everything it started); resolves its JSON result. */
async function runStep(step, dir) {
  const resultFile = join(dir, `${step.id}.json`);
  const code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@opencheckout/source', '--import', './libs/messaging/test/register-swc.mjs', step.script],
      { cwd: repoRoot, env: { ...process.env, BENCH_RESULT_FILE: resultFile }, stdio: ['ignore', 'inherit', 'inherit'], detached: true },
    );
    const killGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    current = killGroup;
    // The step's own SIGTERM handler stops what it started; SIGKILL only if it does not.
    const timer = setTimeout(() => {
      console.error(`${step.id}: still running after ${step.timeoutMinutes} min; stopping it.`);
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), 20_000).unref();
    }, step.timeoutMinutes * 60_000);
    child.once('exit', (exitCode, signal) => {
      clearTimeout(timer);
      current = undefined;
      resolve(exitCode ?? (signal ? 1 : 0));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      console.error(error.message);
      resolve(1);
    });
  });
  if (code !== 0 || !existsSync(resultFile)) return { error: `exited with code ${code}` };
  return JSON.parse(await readFile(resultFile, 'utf8'));
}

const fmt = (n) => (typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en-US') : String(n ?? '—'));

/** One row per figure: [area, what, value]. */
function rows(results) {
  const out = [];
  const failed = (id, r) => out.push([id, 'FAILED', r.error]);
  const es = results['event-store'];
  if (es?.error) failed('event store', es);
  else if (es) {
    for (const [mode, r] of Object.entries(es.modes)) {
      out.push(['event store', `append, notify ${mode} (events/s, ${es.concurrency} appenders)`, fmt(r.appendPerSec)]);
      out.push(['event store', `replay into projection, notify ${mode} (events/s)`, fmt(r.replayPerSec)]);
      out.push(['event store', `outbox relay publish, notify ${mode} (events/s)`, fmt(r.publishPerSec)]);
    }
  }
  const p = results.platform;
  if (p?.error) failed('gateway', p);
  else if (p) {
    const g = p.gateway;
    out.push(['gateway', `POST /api/v1/checkout_sessions (req/s, ${p.settings.connections} conn, ${p.settings.seconds} s)`, fmt(g.requestsPerSec)]);
    out.push(['gateway', 'latency p50 / p99 (ms)', `${fmt(g.p50Ms)} / ${fmt(g.p99Ms)}`]);
    out.push(['gateway', 'requests / non-2xx / errors / timeouts', `${fmt(g.requests)} / ${fmt(g.non2xx)} / ${fmt(g.errors)} / ${fmt(g.timeouts)}`]);
    out.push(['floor', 'NATS request-reply + 1 Postgres append (ops/s)', fmt(p.floor.opsPerSec)]);
    out.push(['floor', 'latency p50 / p99 (ms); failures', `${fmt(p.floor.p50Ms)} / ${fmt(p.floor.p99Ms)}; ${fmt(p.floor.failures)}`]);
    out.push(['gateway', 'gateway / floor (throughput ratio)', fmt(p.gatewayToFloor)]);
    const s = p.sessionPaid;
    out.push(['chain', `confirming block → session.paid on NATS, p50 / p95 (ms, ${s.samples} payments, ${s.confirmationsRequired} conf)`, `${fmt(s.p50Ms)} / ${fmt(s.p95Ms)}`]);
  }
  const c = results.chain;
  if (c?.error) failed('chain', c);
  else if (c) {
    for (const r of c.processor) out.push(['chain', `block processor, ${fmt(r.watchedAddresses)} watched (µs/block, ${r.transactionsPerBlock} txs + ${r.logsPerBlock} logs)`, fmt(r.microsecondsPerBlock)]);
    out.push(['chain', 'block processor ratio 100,000 / 100 watched', fmt(c.processorRatio)]);
    for (const r of c.watcher.perBlock) out.push(['chain', `watcher on anvil, ${fmt(r.watchedAddresses)} watched (µs/block, ${r.blocks} blocks)`, fmt(r.microsecondsPerBlock)]);
    out.push(['chain', 'watcher ratio 100,000 / 100 watched', fmt(c.watcher.ratio)]);
    out.push(['chain', `confirming block → payment.confirmed, p50 / p95 (ms, ${c.watcher.latencySamples} payments)`, `${fmt(c.watcher.confirmLatencyP50Ms)} / ${fmt(c.watcher.confirmLatencyP95Ms)}`]);
  }
  const w = results.webhooks;
  if (w?.error) failed('webhooks', w);
  else if (w) {
    out.push(['webhooks', `deliveries/s (${fmt(w.deliveries)} deliveries, ${w.options.endpoints} endpoints)`, fmt(w.deliveriesPerSec)]);
    out.push(['webhooks', `event → first attempt lag p50 / p99 (ms, ${w.options.rate}/s)`, `${fmt(w.lagP50Ms)} / ${fmt(w.lagP99Ms)}`]);
    out.push(['webhooks', 'the same with one hanging endpoint, p50 / p99 (ms)', `${fmt(w.lagWithHangingP50Ms)} / ${fmt(w.lagWithHangingP99Ms)}`]);
  }
  return out;
}

function markdownTable(list) {
  const lines = ['| area | measure | value |', '|---|---|---:|'];
  for (const [area, what, value] of list) lines.push(`| ${area} | ${what} | ${String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
  return lines.join('\n');
}

function machine() {
  const list = cpus();
  return {
    cpu: list[0]?.model?.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: (totalmem() / 2 ** 30).toFixed(1),
    freeMemoryGiB: (freemem() / 2 ** 30).toFixed(1),
    os: `${osType()} ${release()}`,
    node: process.version,
  };
}

async function main() {
  const started = new Date();
  const host = machine();
  console.log(`bench${quick ? ' (quick: smoke test, nothing recorded)' : ''}: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, Node ${host.node}`);
  await build({ quiet: true });
  const infra = await provideTestInfra();
  const dir = await mkdtemp(join(tmpdir(), 'oc-bench-'));
  const results = {};
  try {
    for (const step of steps) {
      if (interrupted) break;
      console.log(`\n━━ ${step.id} ━━`);
      const began = Date.now();
      results[step.id] = await runStep(step, dir);
      console.log(`${step.id}: ${results[step.id].error ? `FAILED (${results[step.id].error})` : 'done'} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    }
  } finally {
    await infra.stop().catch((error) => console.error(`stopping test infrastructure failed: ${error.message}`));
    await rm(dir, { recursive: true, force: true });
  }
  const table = markdownTable(rows(results));
  console.log(`\n${table}\n`);
  const failed = Object.values(results).some((r) => r.error);
  if (interrupted) {
    console.log('interrupted: nothing recorded.');
    process.exit(130);
  }
  if (quick || only) {
    console.log(`${quick ? 'BENCH_QUICK' : 'BENCH_ONLY'}: nothing recorded in e2e/bench/RESULTS.md.`);
    process.exit(failed ? 1 : 0);
  }
  const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(1);
  const section = [
    '',
    `## ${started.toISOString().slice(0, 10)} (${started.toISOString().slice(11, 16)} UTC)`,
    '',
    '- Command: `npm run bench`',
    `- Machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB memory (${host.freeMemoryGiB} GiB free at start), ${host.os}`,
    `- Node ${host.node}; Postgres ${infra.sources.postgres}, NATS ${infra.sources.nats} for the component benches; the platform run starts its own database, nats-server and anvil`,
    results.platform && !results.platform.error
      ? `- Platform settings: ${Object.entries(results.platform.settings).map(([k, v]) => `${k}=${v}`).join(', ')}`
      : null,
    `- Took ${minutes} min${failed ? '; some steps FAILED (see the table)' : ''}`,
    '',
    table,
    '',
    '<details><summary>raw results</summary>',
    '',
    '```json',
    JSON.stringify(results, null, 2),
    '```',
    '',
    '</details>',
    '',
  ].filter((line) => line !== null);
  if (!existsSync(resultsFile)) {
    await appendFile(resultsFile, '# Benchmark results\n\nAppended by `npm run bench` (scripts/bench.mjs); newest last. What each figure measures: README "Benchmarks".\n');
  }
  await appendFile(resultsFile, section.join('\n'));
  console.log(`recorded in ${resultsFile}`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error?.stack ?? error);
  process.exit(1);
});
