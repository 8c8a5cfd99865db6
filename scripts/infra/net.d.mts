export function probeTcp(host: string, port: number, timeoutMs?: number): Promise<boolean>;
export function freePort(): Promise<number>;
export class GiveUp extends Error {}
export function waitFor<T>(
  check: () => T | Promise<T>,
  options?: { timeoutMs?: number; intervalMs?: number; what?: string },
): Promise<T>;
