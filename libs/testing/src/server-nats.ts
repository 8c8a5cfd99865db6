/** Starts (or reuses) a NATS server with JetStream for tests when NATS_URL is not set. */
export async function startLocalNats(): Promise<string> {
  throw new Error('No NATS for tests: set NATS_URL (e.g. nats://127.0.0.1:4222).');
}
