import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { findNatsServer, startNatsServer, NATS_INSTALL_HINT } from '../../../scripts/infra/nats.mjs';
import { freePort, probeTcp } from '../../../scripts/infra/net.mjs';
import { stateDir } from '../../../scripts/infra/paths.mjs';
import { dockerAvailable } from './docker-available.js';
import type { TestServer } from './test-server.js';

const LOCAL_URL = 'nats://127.0.0.1:4222';

/**
 * Finds or starts a NATS server with JetStream for a test run: NATS_URL; else
 * 127.0.0.1:4222 when it answers; else a `nats:2.10 -js` container when Docker
 * answers; else `nats-server -js` from PATH on a free port. Call it once per run.
 */
export async function provideTestNats(): Promise<TestServer> {
  const fromEnv = process.env.NATS_URL;
  if (fromEnv) return { url: fromEnv, source: 'env', stop: async () => {} };
  if (await probeTcp('127.0.0.1', 4222)) return { url: LOCAL_URL, source: 'local', stop: async () => {} };
  if (await dockerAvailable()) return startNatsContainer();
  if (!findNatsServer()) throw new Error(NATS_INSTALL_HINT);
  const port = await freePort();
  const storeDir = join(stateDir, `test-nats-${port}`);
  const server = await startNatsServer({ storeDir, port });
  return {
    url: server.url,
    source: 'process',
    stop: async () => {
      await server.stop();
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}

/** Inside a test worker: the local server when it answers (see `startLocalPostgres`). */
export async function startLocalNats(): Promise<string> {
  if (await probeTcp('127.0.0.1', 4222)) return LOCAL_URL;
  throw new Error(
    'No NATS for tests: set NATS_URL (e.g. nats://127.0.0.1:4222), or run `npm test`, ' +
      'whose setup finds or starts one for the whole run.',
  );
}

async function startNatsContainer(): Promise<TestServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('nats:2.10')
    .withCommand(['-js'])
    .withExposedPorts(4222)
    .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
    .start();
  return {
    url: `nats://${container.getHost()}:${container.getMappedPort(4222)}`,
    source: 'container',
    stop: async () => {
      await container.stop();
    },
  };
}
