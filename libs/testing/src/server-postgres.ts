/** Starts (or reuses) a Postgres server for tests when DATABASE_URL is not set. */
export async function startLocalPostgres(): Promise<string> {
  throw new Error(
    'No Postgres for tests: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).',
  );
}
