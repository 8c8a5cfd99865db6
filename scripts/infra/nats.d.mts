export const NATS_INSTALL_HINT: string;
export function findNatsServer(): string | null;
export function startNatsServer(options: {
  storeDir: string;
  port: number;
  pidFile?: string;
  detached?: boolean;
  log?: (line: string) => void;
}): Promise<{ url: string; pid: number; stop(): Promise<unknown> }>;
