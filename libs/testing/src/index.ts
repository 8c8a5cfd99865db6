export * from './postgres.js';
export * from './nats.js';
export * from './ids.js';
export * from './anvil.js';
export * from './test-server.js';
export { provideTestPostgres, findLocalPostgres } from './server-postgres.js';
export { provideTestNats } from './server-nats.js';
export { dockerAvailable, pingDocker } from './docker-available.js';
export { waitFor } from '../../../scripts/infra/net.mjs';
