/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as a plain object. */
export type JsonSchema = { [keyword: string]: unknown };

/** `#/components/schemas/<name>`. */
export function ref(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/** The value or null (presenters answer null, never an absent key). */
export function nullable(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string' && schema.$ref === undefined) return { ...schema, type: [schema.type, 'null'] };
  return { anyOf: [schema, { type: 'null' }] };
}

/**
 * An object whose every property is always present: presenters emit each key
 * (null when empty), and nothing else.
 */
export function closedObject(properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false, ...extra };
}

export const string = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra });
export const integer = (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', ...extra });
export const boolean = (extra: JsonSchema = {}): JsonSchema => ({ type: 'boolean', ...extra });
export const dateTime = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', format: 'date-time', ...extra });
export const arrayOf = (items: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({ type: 'array', items, ...extra });
export const constant = (value: string): JsonSchema => ({ type: 'string', const: value });
/** Integers as decimal strings (money, wei): no float anywhere. */
export const integerString = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', pattern: '^-?\\d+$', ...extra });
export const decimalString = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', pattern: '^-?\\d+(\\.\\d+)?$', ...extra });
/** Only for ratios and rates, never money. */
export const number = (extra: JsonSchema = {}): JsonSchema => ({ type: 'number', ...extra });
