import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { LIMITS } from '../validators.js';
import type { JsonSchema } from './json-schema.js';

const REF_PREFIX = '#/components/schemas/';

type Converters = NonNullable<Parameters<typeof validationMetadatasToSchemas>[0]>['additionalConverters'];

/** Converters for the gateway's own class-validator decorators (validators.ts). */
const CUSTOM_CONVERTERS: JsonSchema = {
  isMetadata: {
    type: 'object',
    description: `Up to ${LIMITS.metadataKeys} string values; keys up to ${LIMITS.metadataKeyLength} characters without "[", values up to ${LIMITS.metadataValueLength}.`,
    maxProperties: LIMITS.metadataKeys,
    propertyNames: { minLength: 1, maxLength: LIMITS.metadataKeyLength, pattern: '^[^\\[]+$' },
    additionalProperties: { type: 'string', maxLength: LIMITS.metadataValueLength },
  },
};

/** OpenAPI 3.0 idioms the converter emits, rewritten as JSON Schema 2020-12 (what OpenAPI 3.1 speaks). */
function toJsonSchema2020(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema2020);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema as JsonSchema)) {
    if (key === 'nullable') continue;
    if (key === 'format' && value === 'url') out.format = 'uri';
    else out[key] = toJsonSchema2020(value);
  }
  if ((schema as JsonSchema).nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

function refsOf(schema: unknown, found: Set<string>): void {
  if (Array.isArray(schema)) {
    for (const item of schema) refsOf(item, found);
    return;
  }
  if (typeof schema !== 'object' || schema === null) return;
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX)) found.add(value.slice(REF_PREFIX.length));
    else refsOf(value, found);
  }
}

/**
 * JSON Schemas of the given DTO classes and every class they nest, read from
 * their class-validator decorators (and class-transformer's @Type for nesting),
 * so the document states exactly the constraints the gateway enforces.
 */
export function dtoSchemas(classes: readonly (new () => object)[]): Record<string, JsonSchema> {
  const all = validationMetadatasToSchemas({
    classValidatorMetadataStorage: getMetadataStorage(),
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: REF_PREFIX,
    additionalConverters: CUSTOM_CONVERTERS as Converters,
  }) as Record<string, JsonSchema>;
  const wanted = new Set(classes.map((cls) => cls.name));
  const out: Record<string, JsonSchema> = {};
  const queue = [...wanted];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (out[name] !== undefined) continue;
    const schema = all[name];
    if (schema === undefined) throw new Error(`No class-validator metadata for DTO ${name}`);
    // Validation refuses unknown fields (forbidNonWhitelisted), so the schema does too.
    const converted = { ...(toJsonSchema2020(schema) as JsonSchema), additionalProperties: false };
    out[name] = converted;
    const nested = new Set<string>();
    refsOf(converted, nested);
    queue.push(...nested);
  }
  return out;
}
