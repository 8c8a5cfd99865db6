import type { DataSource, QueryRunner } from 'typeorm';

export interface SessionLock {
  /** The connection that holds the lock; queries on it run as the lock holder. */
  queryRunner: QueryRunner;
  /** Becomes true when the connection breaks (Postgres has then released the lock). */
  readonly lost: boolean;
  release(): Promise<void>;
}

/**
 * Tries once to take a session-level advisory lock on a dedicated connection.
 * Holding it marks the single active replica (outbox relay, live projection).
 */
export async function tryAcquireSessionLock(dataSource: DataSource, key: string): Promise<SessionLock | null> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  let got = false;
  try {
    const [row] = (await queryRunner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [key])) as [{ got: boolean }];
    got = row.got;
  } finally {
    if (!got) await queryRunner.release();
  }
  if (!got) return null;
  const client = (queryRunner as unknown as { databaseConnection?: NodeJS.EventEmitter }).databaseConnection;
  const state = { lost: false };
  const onError = () => {
    state.lost = true;
  };
  client?.on('error', onError);
  client?.on('end', onError);
  return {
    queryRunner,
    get lost() {
      return state.lost;
    },
    async release() {
      client?.off('error', onError);
      client?.off('end', onError);
      try {
        if (!state.lost) await queryRunner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      } catch {
        // The connection is gone: Postgres released the lock with it.
      } finally {
        await queryRunner.release();
      }
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
