import { describe, it, expect, afterAll } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from './postgres.js';

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  const created: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of created) await db.drop();
  });

  it('gives each caller its own empty, writable database', async () => {
    const a = await createTestDatabase();
    const b = await createTestDatabase();
    created.push(a, b);
    expect(a.name).not.toBe(b.name);
    await query(a.url, 'create table t (v int)');
    await query(a.url, 'insert into t values (1)');
    expect(await query(a.url, 'select v from t')).toEqual([{ v: 1 }]);
    const tablesInB = await query(b.url, "select 1 from information_schema.tables where table_schema = 'public'");
    expect(tablesInB).toHaveLength(0);
  });

  it('drop() removes the database from the server', async () => {
    const db = await createTestDatabase('oc_droptest');
    const admin = await postgresAdminUrl();
    const exists = async () => (await query(admin, 'select 1 from pg_database where datname = $1', [db.name])).length;
    expect(await exists()).toBe(1);
    await db.drop();
    expect(await exists()).toBe(0);
  });
});
