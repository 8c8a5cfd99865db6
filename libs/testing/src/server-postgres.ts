import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { canQuery, startEmbeddedPostgres } from '../../../scripts/infra/postgres.mjs';
import { freePort, probeTcp } from '../../../scripts/infra/net.mjs';
import { stateDir } from '../../../scripts/infra/paths.mjs';
import { dockerAvailable } from './docker-available.js';
import type { TestServer } from './test-server.js';

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PORT = 54329;

/**
 * Finds or starts a Postgres server for a test run: DATABASE_URL; else the
 * local server at 127.0.0.1:5432 (trust auth); else a `postgres:16` container
 * when Docker answers; else an embedded server (.opencheckout/test-pg, port 54329).
 * Call it once per run (jest global setup, `npm test`), then pass the URL on as DATABASE_URL.
 */
export async function provideTestPostgres(): Promise<TestServer> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { url: fromEnv, source: 'env', stop: async () => {} };
  const local = await findLocalPostgres();
  if (local) return { url: local, source: 'local', stop: async () => {} };
  if (await dockerAvailable()) return startPostgresContainer();
  return startEmbeddedForTests();
}

/** The local server at 127.0.0.1:5432 when it answers a query as `postgres` without a password. */
export async function findLocalPostgres(): Promise<string | null> {
  if (!(await probeTcp('127.0.0.1', 5432))) return null;
  return (await canQuery(LOCAL_URL)) ? LOCAL_URL : null;
}

/**
 * Inside a test worker: a server that is already there. The run's setup has
 * exported DATABASE_URL; without it only the local server is looked for, since a
 * server started here would outlive the test file.
 */
export async function startLocalPostgres(): Promise<string> {
  const local = await findLocalPostgres();
  if (local) return local;
  throw new Error(
    'No Postgres for tests: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres), ' +
      'or run `npm test`, whose setup finds or starts one (container or embedded) for the whole run.',
  );
}

async function startPostgresContainer(): Promise<TestServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('postgres:16')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432)
    // The entrypoint restarts the server once after init: the second "ready" is the real one.
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return {
    url: `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    source: 'container',
    stop: async () => {
      await container.stop();
    },
  };
}

async function startEmbeddedForTests(): Promise<TestServer> {
  // Another run may hold the usual port and directory: then take a throwaway pair.
  const shared = !(await probeTcp('127.0.0.1', EMBEDDED_PORT));
  const port = shared ? EMBEDDED_PORT : await freePort();
  const dataDir = join(stateDir, shared ? 'test-pg' : `test-pg-${port}`);
  const server = await startEmbeddedPostgres({ dataDir, port });
  return {
    url: server.url,
    source: 'process',
    stop: async () => {
      await server.stop();
      if (!shared) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
