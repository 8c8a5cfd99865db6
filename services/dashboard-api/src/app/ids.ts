import { monotonicFactory } from 'ulidx';

const nextUlid = monotonicFactory();

/** `<prefix>_<ULID>`: sortable by creation, unguessable enough for ids (never for secrets). */
export function newId(prefix: 'mer' | 'key' | 'we' | 'wal', now: Date): string {
  return `${prefix}_${nextUlid(now.getTime())}`;
}
