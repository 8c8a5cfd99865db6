import { eventsLogProjection } from './events-log.projection.js';
import { transactionsProjection } from './transactions.projection.js';

export const dashboardProjections = [transactionsProjection, eventsLogProjection];
