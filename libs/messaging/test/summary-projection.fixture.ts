import type { RecordedEventLike } from '@opencheckout/event-store';
import type { RowProjection } from '../src/row-projection.js';

export interface SummaryRow extends Record<string, unknown> {
  session_id: string;
  status: string;
  /** Counts folds: applying an event twice shows here. */
  events: number;
  amount: string | null;
  last_version: number;
  history: string[];
}

/** A session summary read model; an event with `data.poison` cannot be folded. */
export function summaryProjection(name: string, table: string): RowProjection<SummaryRow> {
  return {
    name,
    table,
    primaryKey: 'session_id',
    columnsSql:
      'session_id text NOT NULL, status text NOT NULL, events integer NOT NULL, amount numeric(78,0), last_version integer NOT NULL, history jsonb NOT NULL',
    indexSql: (qualifiedTable, tableName) => [`CREATE INDEX IF NOT EXISTS "${tableName}_status_idx" ON ${qualifiedTable} (status)`],
    handles: ['session.created', 'session.detected', 'session.paid', 'session.expired'],
    key: (event: RecordedEventLike) => event.streamId,
    evolve(row, event) {
      if (event.data.poison) throw new Error('cannot fold this event');
      if (event.type === 'session.created') {
        return {
          session_id: event.streamId,
          status: 'pending',
          events: 1,
          amount: typeof event.data.amount === 'string' ? event.data.amount : null,
          last_version: event.version,
          history: [event.type],
        };
      }
      if (row === null) return null;
      if (event.type === 'session.expired') return null;
      return {
        ...row,
        status: event.type === 'session.paid' ? 'paid' : 'detected',
        events: row.events + 1,
        last_version: event.version,
        history: [...row.history, event.type],
      };
    },
  };
}
