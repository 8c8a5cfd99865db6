import pg from 'pg';
import { randomBytes } from 'node:crypto';

export interface TestDatabase {
  /** Connection URL of a fresh, empty database that belongs to the caller alone. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * The admin URL of a Postgres server for tests: DATABASE_URL when set.
 * (Fallbacks to testcontainers and embedded Postgres are resolved in server-postgres.ts.)
 */
export async function postgresAdminUrl(): Promise<string> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return fromEnv;
  const { startLocalPostgres } = await import('./server-postgres.js');
  return startLocalPostgres();
}

/** A fresh database per test file: created on the server, dropped by `drop()`. */
export async function createTestDatabase(prefix = 'oc_test'): Promise<TestDatabase> {
  const adminUrl = await postgresAdminUrl();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
