import { randomBytes } from 'node:crypto';

/** A short unique token for names that tests share a server with (streams, subjects, consumers). */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`.toUpperCase();
}
