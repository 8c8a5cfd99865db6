import { fromJson, toJson, type DescMessage, type JsonObject, type JsonValue, type MessageShape } from '@bufbuild/protobuf';
import { ValidationError } from '@opencheckout/errors';

/**
 * The JSON form of any contract message (RPC requests and replies), written as
 * event data is: every field present, enums by name.
 */
export function encodeMessage<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>): JsonObject {
  return toJson(schema, message, { alwaysEmitImplicit: true }) as JsonObject;
}

/**
 * Parses a contract message from JSON. Unknown fields are skipped (a newer
 * sender); a payload that does not fit throws a ValidationError with code
 * `message_invalid` and the parser's reason as cause.
 */
export function decodeMessage<Desc extends DescMessage>(schema: Desc, json: JsonValue): MessageShape<Desc> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ValidationError(`${schema.typeName} must be a JSON object.`, { code: 'message_invalid' });
  }
  try {
    return fromJson(schema, json, { ignoreUnknownFields: true });
  } catch (cause) {
    throw new ValidationError(`Payload does not match ${schema.typeName}.`, { code: 'message_invalid', cause });
  }
}
