import { readFileSync } from 'node:fs';

/** What the e2e global setup started, for black-box tests (`.opencheckout/e2e-<run>.json`). */
export interface E2eEnv {
  gatewayUrl: string;
  adminToken: string;
  databaseUrl: string;
  natsUrl: string;
  eventsStream: string;
  eventsSubjectPrefix: string;
  chain: { rpcUrl: string; wsUrl?: string; chainId: number };
  /** Every service's output, prefixed by service name. */
  logFile: string;
}

/** Reads the running system's connection info, from the file global-setup.ts named in OPENCHECKOUT_E2E_FILE. */
export function e2eEnv(): E2eEnv {
  const path = process.env.OPENCHECKOUT_E2E_FILE;
  if (!path) throw new Error('OPENCHECKOUT_E2E_FILE is not set: e2e tests run through the e2e project (npm run test:e2e).');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as E2eEnv;
  } catch {
    throw new Error(`No ${path}: e2e tests run through the e2e project, whose global setup starts the system.`);
  }
}
