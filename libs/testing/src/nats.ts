/** The URL of a NATS server with JetStream for tests: NATS_URL when set. */
export async function testNatsUrl(): Promise<string> {
  const fromEnv = process.env.NATS_URL;
  if (fromEnv) return fromEnv;
  const { startLocalNats } = await import('./server-nats.js');
  return startLocalNats();
}
