import type { KV } from '@nats-io/kv';

/**
 * A lease on one key of a NATS KV bucket whose entries expire after the
 * bucket's TTL: `create` succeeds only when nobody holds it, `update` with
 * the last revision renews it only while we still do.
 */
export class KvLease {
  private revision: number | null = null;

  constructor(
    private readonly kv: KV,
    readonly key: string,
    private readonly holder: string,
  ) {}

  get held(): boolean {
    return this.revision !== null;
  }

  /** True when acquired; false when someone else holds it. Transport errors throw. */
  async tryAcquire(): Promise<boolean> {
    try {
      this.revision = await this.kv.create(this.key, this.holder);
      return true;
    } catch (error) {
      if (isTakenError(error)) return false;
      throw error;
    }
  }

  /** True when renewed; false when the lease was lost (expired and taken, or deleted). Transport errors throw. */
  async renew(): Promise<boolean> {
    if (this.revision === null) return false;
    try {
      this.revision = await this.kv.update(this.key, this.holder, this.revision);
      return true;
    } catch (error) {
      if (isTakenError(error)) {
        this.revision = null;
        return false;
      }
      throw error;
    }
  }

  /** Lets another replica take over at once instead of after the TTL. */
  async release(): Promise<void> {
    const revision = this.revision;
    this.revision = null;
    if (revision === null) return;
    await this.kv.delete(this.key, { previousSeq: revision }).catch(() => undefined);
  }

  /** Forgets the lease without releasing it (it then expires after the TTL), as a crashed holder would. */
  abandon(): void {
    this.revision = null;
  }
}

function isTakenError(error: unknown): boolean {
  // 10071: JetStream's "wrong last sequence" (someone else wrote the key since).
  if ((error as { code?: unknown })?.code === 10071) return true;
  const message = String((error as Error)?.message ?? error);
  return /wrong last sequence|key exists|already exists/i.test(message);
}
