export { ensureEventsStream, type EnsureEventsStreamOptions } from './ensure-events-stream.js';
export { encodeEventMessage, decodeEventMessage, type EventMessage, type EncodedEventMessage } from './event-message.js';
export { InvalidEventMessageError } from './invalid-event-message.error.js';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
export { filterSubjectFor, durableNameFor, type RowProjection, type ProjectionRow } from './row-projection.js';
export { projectionSchemaSql, projectionTableSql } from './projection-schema.js';
export {
  applyProjectionBatch,
  ProjectionTableMissingError,
  type ApplyProjectionBatchParameters,
  type ApplyProjectionBatchReturnType,
  type ProjectionMessage,
} from './apply-projection-batch.js';
export { isRetryableProjectionError } from './retryable-projection-error.js';
export { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner.js';
export { readCheckpoint, projectionLockKey } from './projection-store.js';
export { rebuildProjection, type RebuildProjectionParameters, type RebuildProjectionReturnType } from './rebuild-projection.js';
export { runRebuildCommand, type RunRebuildCommandParameters } from './run-rebuild-command.js';
