import type { EntityManager } from 'typeorm';

/** What every event carries besides its payload. `occurredAt` is an ISO-8601 instant. */
export interface EventMetadata {
  eventId: string;
  correlationId: string;
  causationId?: string;
  merchantId?: string;
  livemode?: boolean;
  occurredAt: string;
}

/** An event about to be appended. `eventId` defaults to a random UUID, `correlationId` to the event id. */
export interface NewEvent {
  type: string;
  data: Record<string, unknown>;
  schemaVersion?: number;
  metadata: Omit<EventMetadata, 'eventId' | 'correlationId'> & { eventId?: string; correlationId?: string };
}

/** The part of a stored event that also travels on the bus: what projections are written against. */
export interface RecordedEventLike {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  /** 1-based position of the event in its stream. */
  version: number;
  globalPosition: bigint;
  occurredAt: string;
  metadata: EventMetadata;
  data: Record<string, unknown>;
}

export interface RecordedEvent extends RecordedEventLike {
  streamType: string;
  recordedAt: Date;
}

/**
 * `no_stream`: the stream must not exist yet (same as 0). A number: the stream's
 * last version must be exactly that. `any`: append after whatever is there.
 */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface AppendToStreamOptions {
  expectedVersion: ExpectedVersion;
  /** Run inside the caller's transaction instead of opening one. */
  manager?: EntityManager;
  /** Overrides the stream type derived from the stream id (see `streamTypeOf`). */
  streamType?: string;
}

export interface AppendToStreamResult {
  /** The stream's version after the append: pass it as `expectedVersion` next time. */
  nextExpectedVersion: number;
  globalPositions: bigint[];
}

export interface ReadStreamOptions {
  manager?: EntityManager;
  /** Only events with a version greater than this. */
  afterVersion?: number;
}

export interface ReadAllOptions {
  /** Only events with a global position greater than this (0n from the start). */
  after: bigint;
  limit: number;
  manager?: EntityManager;
}
