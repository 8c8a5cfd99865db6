export const SERVICE_NAMES: string[];
export function discoverServices(): string[];
