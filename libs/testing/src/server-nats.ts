import { probeTcp } from '../../../scripts/infra/net.mjs';
import { LOCAL_NATS_URL } from '../../../scripts/infra/test-infra.mjs';

/** Inside a test worker, when NATS_URL is not set: 127.0.0.1:4222 if it answers (see startLocalPostgres). */
export async function startLocalNats(): Promise<string> {
  if (await probeTcp('127.0.0.1', 4222)) return LOCAL_NATS_URL;
  throw new Error(
    'No NATS for tests: set NATS_URL (e.g. nats://127.0.0.1:4222), or run `npm test`, ' +
      'which finds or starts one (container or nats-server) for the whole run.',
  );
}
