export function anvilBinary(): string;
export function rpcChainId(rpcUrl: string): Promise<number>;
export function startAnvil(options: {
  port: number;
  chainId?: number;
  blockTime?: number;
  statePath?: string;
  pidFile?: string;
  detached?: boolean;
  log?: (line: string) => void;
}): Promise<{ rpcUrl: string; wsUrl: string; chainId: number; pid: number; stop(): Promise<unknown> }>;
