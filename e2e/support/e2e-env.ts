import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the e2e global setup started, for black-box tests (also in `.opencheckout/e2e.json`). */
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

export const E2E_ENV_FILE = join(process.cwd(), '.opencheckout', 'e2e.json');

/** Reads the running system's connection info (written by global-setup.ts). */
export function e2eEnv(): E2eEnv {
  const path = process.env.OPENCHECKOUT_E2E_FILE ?? E2E_ENV_FILE;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as E2eEnv;
  } catch {
    throw new Error(`No ${path}: e2e tests run through the e2e project, whose global setup starts the system.`);
  }
}
