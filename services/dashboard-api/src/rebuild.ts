import { runRebuildCli } from '@opencheckout/nest-kit';
import { DASHBOARD_SCHEMA, DashboardSchema1763900000000 } from './infra/migrations/1763900000000-dashboard-schema.js';
import { dashboardProjections } from './infra/projections/dashboard-projections.js';

/** `node services/dashboard-api/dist/rebuild.js <transactions|events_log>` */
await runRebuildCli({ service: 'dashboard-api', schema: DASHBOARD_SCHEMA, migrations: [DashboardSchema1763900000000], projections: dashboardProjections });
