#!/usr/bin/env node
// `npm run projections:rebuild -- <service> <projection>`: rebuilds one read model
// from the start of the events stream while the service keeps serving. Uses the
// same environment as the service (DATABASE_URL, NATS_URL, EVENTS_STREAM, …).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [service, projection] = process.argv.slice(2);
const entry = service ? join(root, 'services', service, 'dist', 'rebuild.js') : '';
if (!service || !projection || !existsSync(entry)) {
  console.error('usage: npm run projections:rebuild -- <service> <projection>');
  console.error('  session: session_list | merchant_wallets');
  console.error('  dashboard-api: transactions | events_log');
  console.error('(run `npm run build` first; set DATABASE_URL and NATS_URL as for the service)');
  process.exit(2);
}
const result = spawnSync(process.execPath, [entry, projection], { stdio: 'inherit' });
process.exit(result.status ?? 1);
