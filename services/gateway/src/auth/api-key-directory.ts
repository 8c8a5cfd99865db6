import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import type { JsonValue } from '@bufbuild/protobuf';
import { hashApiKey, hashesEqual } from '@opencheckout/api-keys';
import { MerchantApiKeyCreatedSchema, MerchantApiKeyRevokedSchema, decodeEventDataAs } from '@opencheckout/contracts';
import { decodeEventMessage } from '@opencheckout/messaging';
import type { Logger } from 'pino';
import type { MerchantPrincipal } from './merchant-context.js';

interface KnownKey {
  keyId: string;
  hash: string;
  merchantId: string;
  livemode: boolean;
  scopes: string[];
  expiresAt: number | null;
  revoked: boolean;
}

export type KeyLookup = { ok: true; principal: MerchantPrincipal } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

/**
 * The gateway's own projection of API keys, folded in memory from
 * `merchant.api_key_*` events (an ordered consumer from the start of the
 * stream), so authenticating a request touches no other service. Only key
 * hashes are held; a revocation lands as fast as the event travels.
 */
export class ApiKeyDirectory {
  private readonly byHash = new Map<string, KnownKey>();
  private readonly waiters = new Set<() => void>();
  private abort = new AbortController();
  private loop?: Promise<void>;
  private caughtUp = false;

  constructor(
    private readonly js: JetStreamClient,
    private readonly streamName: string,
    private readonly subjectPrefix: string,
    private readonly logger: Logger,
  ) {}

  get ready(): boolean {
    return this.caughtUp;
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop?.catch(() => undefined);
  }

  lookup(presented: string, now: number): KeyLookup {
    const hash = hashApiKey(presented);
    const key = this.byHash.get(hash);
    // The map is keyed by the hash; the constant-time compare keeps a timing channel off the final check.
    if (key === undefined || !hashesEqual(key.hash, hash)) return { ok: false, reason: 'unknown' };
    if (key.revoked) return { ok: false, reason: 'revoked' };
    if (key.expiresAt !== null && key.expiresAt <= now) return { ok: false, reason: 'expired' };
    return { ok: true, principal: { merchantId: key.merchantId, livemode: key.livemode, keyId: key.keyId, scopes: key.scopes } };
  }

  /** Resolves once a key id is known here (read-your-writes for the answer that created it), or after the timeout. */
  async waitForKey(keyId: string, timeoutMs: number): Promise<boolean> {
    const known = () => [...this.byHash.values()].some((key) => key.keyId === keyId);
    const deadline = Date.now() + timeoutMs;
    while (!known() && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return known();
  }

  /** Resolves when a key id's revocation is known here. */
  async waitForRevocation(keyId: string, timeoutMs: number): Promise<boolean> {
    const revoked = () => [...this.byHash.values()].some((key) => key.keyId === keyId && key.revoked);
    const deadline = Date.now() + timeoutMs;
    while (!revoked() && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return revoked();
  }

  private notify(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }

  private apply(type: string, data: JsonValue): void {
    if (type === 'merchant.api_key_created') {
      const created = decodeEventDataAs(MerchantApiKeyCreatedSchema, data);
      this.byHash.set(created.keyHash, {
        keyId: created.keyId,
        hash: created.keyHash,
        merchantId: created.merchantId,
        livemode: created.livemode,
        scopes: created.scopes,
        expiresAt: created.expiresAt ? Date.parse(created.expiresAt) : null,
        revoked: false,
      });
    } else if (type === 'merchant.api_key_revoked') {
      const revoked = decodeEventDataAs(MerchantApiKeyRevokedSchema, data);
      for (const key of this.byHash.values()) if (key.keyId === revoked.keyId) key.revoked = true;
    }
  }

  private async run(): Promise<void> {
    let lastSeq = 0;
    while (!this.abort.signal.aborted) {
      try {
        const consumer = await this.js.consumers.get(this.streamName, {
          filter_subjects: `${this.subjectPrefix}.merchant.>`,
          ...(lastSeq > 0
            ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: lastSeq + 1 }
            : { deliver_policy: DeliverPolicy.All }),
        });
        const info = await consumer.info(true);
        if (info.num_pending === 0) this.markCaughtUp();
        const messages = await consumer.consume();
        const onAbort = () => void messages.close();
        this.abort.signal.addEventListener('abort', onAbort, { once: true });
        try {
          for await (const message of messages) {
            lastSeq = message.info.streamSequence;
            try {
              const event = decodeEventMessage(message.data);
              this.apply(event.type, event.data as JsonValue);
            } catch (error) {
              this.logger.error({ err: error, seq: message.seq }, 'unreadable merchant event skipped');
            }
            if (message.info.pending === 0) this.markCaughtUp();
            this.notify();
          }
        } finally {
          this.abort.signal.removeEventListener('abort', onAbort);
        }
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.logger.warn({ err: error }, 'key directory consumer failed; resuming');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private markCaughtUp(): void {
    if (!this.caughtUp) this.logger.info({ keys: this.byHash.size }, 'API key directory caught up');
    this.caughtUp = true;
  }
}
