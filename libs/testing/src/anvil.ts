import { startAnvil as startAnvilProcess } from '../../../scripts/infra/anvil.mjs';
import { GiveUp, probeTcp } from '../../../scripts/infra/net.mjs';

export interface StartAnvilParameters {
  /** Seconds between blocks; without it anvil mines one block per transaction. */
  blockTime?: number;
  chainId?: number;
}

export interface StartAnvilReturnType {
  rpcUrl: string;
  wsUrl: string;
  chainId: number;
  stop(): Promise<void>;
}

const BASE_PORT = 20_000;
const PORTS_PER_WORKER = 400;

/**
 * A fresh anvil chain for one test file, on a port in the jest worker's own
 * range (JEST_WORKER_ID) plus a random offset, so parallel workers never collide.
 */
export async function startAnvil({ blockTime, chainId = 31337 }: StartAnvilParameters = {}): Promise<StartAnvilReturnType> {
  const worker = Number(process.env.JEST_WORKER_ID ?? 1);
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = BASE_PORT + worker * PORTS_PER_WORKER + Math.floor(Math.random() * PORTS_PER_WORKER);
    if (await probeTcp('127.0.0.1', port)) continue;
    try {
      const anvil = await startAnvilProcess({ port, chainId, blockTime });
      return {
        rpcUrl: anvil.rpcUrl,
        wsUrl: anvil.wsUrl,
        chainId: anvil.chainId,
        stop: async () => {
          await anvil.stop();
        },
      };
    } catch (error) {
      // Exited at start: most likely another process took the port first; try another.
      if (!(error instanceof GiveUp)) throw error;
      lastError = error;
    }
  }
  throw new Error(`anvil did not start: ${String((lastError as Error | undefined)?.message ?? 'no free port')}`);
}
