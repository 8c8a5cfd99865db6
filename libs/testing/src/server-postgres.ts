import { findLocalPostgres } from '../../../scripts/infra/test-infra.mjs';

/**
 * Inside a test worker, when DATABASE_URL is not set: the local server at
 * 127.0.0.1:5432 if it answers. Containers and embedded servers are started once
 * per run by the run's setup (`npm test`, jest-global-setup), never here: one
 * started inside a test file would outlive it.
 */
export async function startLocalPostgres(): Promise<string> {
  const local = await findLocalPostgres();
  if (local) return local;
  throw new Error(
    'No Postgres for tests: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres), ' +
      'or run `npm test`, which finds or starts one (container or embedded) for the whole run.',
  );
}
