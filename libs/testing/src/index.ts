export * from './postgres.js';
export * from './nats.js';
export * from './ids.js';
export * from './anvil.js';
export {
  provideTestInfra,
  provideTestPostgres,
  provideTestNats,
  findLocalPostgres,
  dockerAvailable,
  pingDocker,
  type TestServer,
} from '../../../scripts/infra/test-infra.mjs';
export { waitFor, freePort, probeTcp } from '../../../scripts/infra/net.mjs';
