import {
  fromJson,
  toJson,
  type DescMessage,
  type JsonObject,
  type JsonValue,
  type Message,
  type MessageShape,
} from '@bufbuild/protobuf';
import { ValidationError } from '@opencheckout/errors';
import { eventSchemaFor, eventTypeOf } from './event-registry.js';

/**
 * Every field is written, defaults included, so stored and delivered event data
 * reads the same whatever its values; enums as their names.
 */
const writeOptions = { alwaysEmitImplicit: true } as const;

/**
 * Newer writers may add fields; older readers skip them instead of failing
 * (additive evolution; `buf breaking` guards the rest).
 */
const readOptions = { ignoreUnknownFields: true } as const;

/** The JSON form of an event's data, for the envelope. Throws if `message` is not the type's message. */
export function encodeEventData(type: string, message: Message): JsonObject {
  const schema = eventSchemaFor(type);
  if (message.$typeName !== schema.typeName) {
    throw new ValidationError(`Event ${type} carries ${schema.typeName}, not ${message.$typeName}.`, {
      code: 'event_data_mismatch',
      param: 'data',
    });
  }
  return toJson(schema, message as MessageShape<typeof schema>, writeOptions) as JsonObject;
}

/**
 * Parses an event's JSON data into its message. Throws a ValidationError:
 * `event_type_unknown` for an unregistered type, `event_data_invalid` for a
 * payload that does not fit the schema (the parser's reason is the cause).
 */
export function decodeEventData(type: string, json: JsonValue): Message {
  const schema = eventSchemaFor(type);
  return parse(schema, type, json);
}

/**
 * Like decodeEventData, typed by the expected schema:
 * `decodeEventDataAs(SessionPaidSchema, envelope.data)`.
 */
export function decodeEventDataAs<Desc extends DescMessage>(schema: Desc, json: JsonValue): MessageShape<Desc> {
  return parse(schema, eventTypeOf(schema), json);
}

function parse<Desc extends DescMessage>(schema: Desc, type: string, json: JsonValue): MessageShape<Desc> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ValidationError(`Event ${type} data must be a JSON object.`, { code: 'event_data_invalid', param: 'data' });
  }
  try {
    return fromJson(schema, json, readOptions);
  } catch (cause) {
    throw new ValidationError(`Event ${type} data does not match ${schema.typeName}.`, {
      code: 'event_data_invalid',
      param: 'data',
      cause,
    });
  }
}
