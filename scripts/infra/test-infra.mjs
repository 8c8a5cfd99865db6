// Postgres and NATS for a test run, found or started once: the given URL; else
// the usual local server; else a container when a Docker engine answers; else a
// local process. Used by `npm test`, the jest global setups and libs/testing.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { canQuery, startEmbeddedPostgres } from './postgres.mjs';
import { findNatsServer, startNatsServer, NATS_INSTALL_HINT } from './nats.mjs';
import { freePort, probeTcp } from './net.mjs';
import { stateDir } from './paths.mjs';

export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const LOCAL_NATS_URL = 'nats://127.0.0.1:4222';
const EMBEDDED_TEST_PORT = 54329;

/** Whether the Docker engine at `host` (DOCKER_HOST syntax; default the local socket) answers /_ping. */
export function pingDocker(host) {
  let target;
  if (host?.startsWith('tcp://')) {
    const url = new URL(host.replace('tcp://', 'http://'));
    target = { host: url.hostname, port: Number(url.port || 2375) };
  } else {
    const socketPath = host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
    if (!existsSync(socketPath)) return Promise.resolve(false);
    target = { socketPath };
  }
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

let dockerAnswer;
/**
 * Whether a Docker engine answers, asked once per process. Quick on purpose:
 * without one, testcontainers fails anyway, and local servers are used instead.
 */
export function dockerAvailable() {
  dockerAnswer ??= pingDocker(process.env.DOCKER_HOST);
  return dockerAnswer;
}

/** The local server at 127.0.0.1:5432 when it answers as `postgres` without a password, else null. */
export async function findLocalPostgres() {
  if (!(await probeTcp('127.0.0.1', 5432))) return null;
  return (await canQuery(LOCAL_POSTGRES_URL)) ? LOCAL_POSTGRES_URL : null;
}

const nothing = async () => {};

/**
 * A Postgres admin URL for the run: DATABASE_URL; else 127.0.0.1:5432; else a
 * `postgres:16` container; else an embedded server (.opencheckout/test-pg, port 54329).
 * Resolves `{ url, source, stop }`; `stop` undoes only what was started.
 */
export async function provideTestPostgres() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, source: 'env', stop: nothing };
  const local = await findLocalPostgres();
  if (local) return { url: local, source: 'local', stop: nothing };
  if (await dockerAvailable()) {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer('postgres:16')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withExposedPorts(5432)
      // The image restarts the server once after init: the second "ready" is the real one.
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    return {
      url: `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
      source: 'container',
      stop: async () => void (await container.stop()),
    };
  }
  // Another run may hold the usual port and directory: then take a throwaway pair.
  const shared = !(await probeTcp('127.0.0.1', EMBEDDED_TEST_PORT));
  const port = shared ? EMBEDDED_TEST_PORT : await freePort();
  const dataDir = join(stateDir, shared ? 'test-pg' : `test-pg-${port}`);
  const server = await startEmbeddedPostgres({ dataDir, port });
  return {
    url: server.url,
    source: 'process',
    stop: async () => {
      await server.stop();
      if (!shared) await rm(server.dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A NATS (JetStream) URL for the run: NATS_URL; else 127.0.0.1:4222; else a
 * `nats:2.10 -js` container; else `nats-server -js` from PATH on a free port.
 */
export async function provideTestNats() {
  if (process.env.NATS_URL) return { url: process.env.NATS_URL, source: 'env', stop: nothing };
  if (await probeTcp('127.0.0.1', 4222)) return { url: LOCAL_NATS_URL, source: 'local', stop: nothing };
  if (await dockerAvailable()) {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer('nats:2.10')
      .withCommand(['-js'])
      .withExposedPorts(4222)
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .start();
    return {
      url: `nats://${container.getHost()}:${container.getMappedPort(4222)}`,
      source: 'container',
      stop: async () => void (await container.stop()),
    };
  }
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

/**
 * Both servers for a run, exported as DATABASE_URL / NATS_URL into
 * `process.env` (child processes started afterwards inherit them).
 * Resolves `{ databaseUrl, natsUrl, sources, stop }`.
 */
export async function provideTestInfra() {
  const settled = await Promise.allSettled([provideTestPostgres(), provideTestNats()]);
  const stopAll = async () => {
    for (const s of settled) if (s.status === 'fulfilled') await s.value.stop();
  };
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const [postgres, nats] = settled.map((s) => s.value);
  process.env.DATABASE_URL = postgres.url;
  process.env.NATS_URL = nats.url;
  return { databaseUrl: postgres.url, natsUrl: nats.url, sources: { postgres: postgres.source, nats: nats.source }, stop: stopAll };
}
