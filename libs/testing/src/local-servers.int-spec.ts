import { describe, it, expect } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { startEmbeddedPostgres, canQuery } from '../../../scripts/infra/postgres.mjs';
import { findNatsServer, startNatsServer } from '../../../scripts/infra/nats.mjs';
import { freePort, probeTcp } from '../../../scripts/infra/net.mjs';
import { stateDir } from '../../../scripts/infra/paths.mjs';
import { pingDocker } from '../../../scripts/infra/test-infra.mjs';

// The fallbacks used when no server is given or found: real processes, started and stopped here.
describe('local server fallbacks', () => {
  it('embedded Postgres starts, answers, keeps its data across a restart, and stops', async () => {
    // Under the repo, not /tmp: the server runs as the postgres user, which must reach the directory.
    const dataDir = join(stateDir, `spec-pg-${process.pid}`);
    const port = await freePort();
    try {
      const first = await startEmbeddedPostgres({ dataDir, port });
      expect(await canQuery(first.url)).toBe(true);
      const pg = await import('pg');
      const write = new pg.default.Client({ connectionString: first.url });
      await write.connect();
      await write.query('create table kept (v text)');
      await write.query("insert into kept values ('yes')");
      await write.end();
      await first.stop();
      expect(await probeTcp('127.0.0.1', port)).toBe(false);

      const second = await startEmbeddedPostgres({ dataDir, port });
      const read = new pg.default.Client({ connectionString: second.url });
      await read.connect();
      expect((await read.query('select v from kept')).rows).toEqual([{ v: 'yes' }]);
      await read.end();
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('nats-server starts with JetStream on a free port and stops', async () => {
    if (!findNatsServer()) throw new Error('nats-server must be on PATH for this test (apt-get install nats-server)');
    const storeDir = await mkdtemp(join(tmpdir(), 'oc-nats-'));
    const port = await freePort();
    try {
      const server = await startNatsServer({ storeDir, port });
      const nc = await connect({ servers: server.url });
      const info = await (await jetstreamManager(nc)).getAccountInfo();
      expect(info.limits).toBeDefined();
      await nc.close();
      await server.stop();
      expect(await probeTcp('127.0.0.1', port)).toBe(false);
    } finally {
      await rm(storeDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('tells whether a Docker engine answers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oc-docker-'));
    const socketPath = join(dir, 'docker.sock');
    const engine = createServer((req, res) => {
      res.statusCode = req.url === '/_ping' ? 200 : 404;
      res.end('OK');
    });
    await new Promise<void>((resolve) => engine.listen(socketPath, resolve));
    try {
      expect(await pingDocker(`unix://${socketPath}`)).toBe(true);
      expect(await pingDocker(`unix://${join(dir, 'missing.sock')}`)).toBe(false);
      expect(await pingDocker(`tcp://127.0.0.1:${await freePort()}`)).toBe(false);
    } finally {
      await new Promise((resolve) => engine.close(resolve));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
