import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { ChangeSessionUseCase } from './change-session.usecase.js';

/**
 * Expires pending sessions whose time is up. Every replica may sweep; the
 * stream's optimistic concurrency and the decider (expiring twice is a no-op)
 * keep the outcome single.
 */
export class ExpirySweeper {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly change: ChangeSessionUseCase,
    private readonly clock: () => Date,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const now = this.clock();
      const due: { session_id: string }[] = await this.dataSource.query(
        `SELECT session_id FROM "${this.schema}".session_list WHERE status = 'pending' AND expires_at <= $1 ORDER BY expires_at LIMIT 200`,
        [now],
      );
      for (const { session_id } of due) {
        try {
          await this.change.execute(session_id, { kind: 'expire', at: now.getTime() }, { occurredAt: now.toISOString() });
        } catch (error) {
          this.logger.warn({ err: error, sessionId: session_id }, 'expiry failed; retried on the next sweep');
        }
      }
      return due.length;
    } finally {
      this.running = false;
    }
  }
}
