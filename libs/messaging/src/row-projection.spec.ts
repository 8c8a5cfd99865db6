import { describe, expect, it } from '@jest/globals';
import { durableNameFor, filterSubjectFor, type RowProjection } from './row-projection.js';

function projection(handles: string[], filterSubject?: string): RowProjection {
  return {
    name: 'transactions',
    table: 'transactions',
    primaryKey: 'id',
    columnsSql: 'id text NOT NULL',
    handles,
    filterSubject,
    key: () => null,
    evolve: (row) => row,
  };
}

describe('filterSubjectFor', () => {
  it('narrows to the one aggregate all handled events share', () => {
    expect(filterSubjectFor(projection(['session.created', 'session.paid']))).toBe('events.session.>');
  });

  it('widens to every event when aggregates differ (one filter subject on nats-server 2.9)', () => {
    expect(filterSubjectFor(projection(['session.created', 'payment.detected']), 'ev')).toBe('ev.>');
  });

  it('keeps an explicit filter', () => {
    expect(filterSubjectFor(projection(['session.created'], 'events.session.paid'))).toBe('events.session.paid');
  });
});

describe('durableNameFor', () => {
  it('joins service and projection without characters NATS forbids', () => {
    expect(durableNameFor('dashboard.api', projection([]))).toBe('dashboard_api_transactions');
  });
});
