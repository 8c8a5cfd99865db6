import { runRebuildCli } from '@opencheckout/nest-kit';
import { SESSION_SCHEMA, SessionSchema1763800000000 } from './infra/migrations/1763800000000-session-schema.js';
import { SubscriptionColumns1763900000000 } from './infra/migrations/1763900000000-subscription-columns.js';
import { sessionProjections } from './infra/projections/index.js';

/** `node services/session/dist/rebuild.js <session_list|merchant_wallets>` */
await runRebuildCli({
  service: 'session',
  schema: SESSION_SCHEMA,
  migrations: [SessionSchema1763800000000, SubscriptionColumns1763900000000],
  projections: sessionProjections,
});
