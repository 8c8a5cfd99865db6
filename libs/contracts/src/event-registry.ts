import { getOption, hasOption, type DescFile, type DescMessage } from '@bufbuild/protobuf';
import { ValidationError } from '@opencheckout/errors';
import { event_schema_version, event_type } from './gen/opencheckout/events/v1/options_pb.js';
import { generatedFiles } from './generated-files.js';

export interface EventSchemaEntry {
  readonly type: string;
  readonly schemaVersion: number;
  readonly schema: DescMessage;
}

function* messagesOf(file: DescFile): Generator<DescMessage> {
  const stack = [...file.messages];
  while (stack.length > 0) {
    const message = stack.shift()!;
    yield message;
    stack.push(...message.nestedMessages);
  }
}

/** Builds the type → schema map from the event_type options of the given files. */
export function buildEventRegistry(files: readonly DescFile[]): ReadonlyMap<string, EventSchemaEntry> {
  const entries = new Map<string, EventSchemaEntry>();
  for (const file of files) {
    for (const schema of messagesOf(file)) {
      if (!hasOption(schema, event_type)) continue;
      const type = getOption(schema, event_type);
      const existing = entries.get(type);
      if (existing !== undefined) {
        throw new Error(`Event type ${type} is declared by both ${existing.schema.typeName} and ${schema.typeName}.`);
      }
      const declaredVersion = hasOption(schema, event_schema_version) ? getOption(schema, event_schema_version) : 0;
      entries.set(type, { type, schemaVersion: declaredVersion > 0 ? declaredVersion : 1, schema });
    }
  }
  return entries;
}

const registry = buildEventRegistry(generatedFiles);
const typeBySchemaName = new Map([...registry.values()].map((entry) => [entry.schema.typeName, entry.type]));

/** Throws a ValidationError (code `event_type_unknown`) for a type no proto message declares. */
export function eventEntryFor(type: string): EventSchemaEntry {
  const entry = registry.get(type);
  if (entry === undefined) {
    throw new ValidationError(`Unknown event type: ${type}`, { code: 'event_type_unknown', param: 'type' });
  }
  return entry;
}

/** The message schema of an event type, e.g. `eventSchemaFor('session.paid') === SessionPaidSchema`. */
export function eventSchemaFor(type: string): DescMessage {
  return eventEntryFor(type).schema;
}

/** The schema version of an event type's data, for the envelope. */
export function eventSchemaVersionFor(type: string): number {
  return eventEntryFor(type).schemaVersion;
}

/** Every registered event type, sorted. */
export function allEventTypes(): string[] {
  return [...registry.keys()].sort();
}

export function isEventType(type: string): boolean {
  return registry.has(type);
}

/** The event type a schema is registered under, e.g. `eventTypeOf(SessionPaidSchema) === 'session.paid'`. */
export function eventTypeOf(schema: DescMessage): string {
  const type = typeBySchemaName.get(schema.typeName);
  if (type === undefined) {
    throw new ValidationError(`${schema.typeName} is not an event message.`, { code: 'event_type_unknown' });
  }
  return type;
}
