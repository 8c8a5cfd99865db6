import type { Writable } from 'node:stream';

export const DEV_PORTS: { postgres: number; nats: number; anvil: number; gateway: number };

export class Stack {
  push(name: string, stop: () => Promise<unknown>): void;
  stopAll(log?: (line: string) => void): Promise<void>;
}

export interface Infra {
  /** What the infrastructure was started for; e2e also shortens the dispatcher's retry schedule. */
  mode?: 'dev' | 'e2e';
  databaseUrl: string;
  natsUrl: string;
  chain: { rpcUrl: string; wsUrl?: string; chainId: number };
  stack: Stack;
}

export function readState<T = unknown>(name: string): Promise<T | null>;
export function writeState(name: string, value: unknown): Promise<void>;
export function devSecrets(): Promise<{ adminToken: string; encryptionKey: string }>;
export function startInfra(mode: 'dev' | 'e2e', options?: { log?: (line: string) => void; stack?: Stack }): Promise<Infra>;
export function startPlatform(
  infra: Infra,
  options: {
    gatewayPort: number;
    adminToken: string;
    encryptionKey: string;
    eventsStream: string;
    eventsSubjectPrefix: string;
    logLevel?: string;
    outputStream?: Writable;
    readyTimeoutMs?: number;
  },
): Promise<{
  gatewayUrl: string;
  env: Record<string, string | undefined>;
  names: string[];
  /** infra.chain plus the test USDC the services were given (undefined on chains other than anvil's). */
  chain: Infra['chain'] & { usdcAddress?: string };
}>;
