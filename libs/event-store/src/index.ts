export * from './event-store.types.js';
export { eventStoreSchemaSql, createEventStoreMigration } from './event-store-schema.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js';
export { assertIdentifier, qualified, outboxChannel } from './schema-name.js';
export { pgErrorCode, pgErrorConstraint, isTransientDatabaseError } from './pg-error.js';
export { streamTypeOf } from './stream-type.js';
