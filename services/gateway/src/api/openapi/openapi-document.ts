import { dtoSchemas } from './dto-schemas.js';
import { ref, type JsonSchema } from './json-schema.js';
import type { OperationSpec } from './operations.js';
import { analyticsOverviewSchemas } from './schemas/analytics-overview.schema.js';
import { apiKeySchemas } from './schemas/api-key.schema.js';
import { checkoutSessionSchemas } from './schemas/checkout-session.schema.js';
import { errorSchemas } from './schemas/error.schema.js';
import { eventSchemas } from './schemas/event.schema.js';
import { merchantSchemas } from './schemas/merchant.schema.js';
import { publicCheckoutSessionSchemas } from './schemas/public-checkout-session.schema.js';
import { stripeCheckoutSessionSchemas } from './schemas/stripe-checkout-session.schema.js';
import { stripeLineItemSchemas } from './schemas/stripe-line-item.schema.js';
import { subscriptionSchemas } from './schemas/subscription.schema.js';
import { walletSchemas } from './schemas/wallet.schema.js';
import { webhookDeliverySchemas } from './schemas/webhook-delivery.schema.js';
import { webhookEndpointSchemas } from './schemas/webhook-endpoint.schema.js';

export type OpenApiDocument = { openapi: string; info: JsonSchema; paths: Record<string, Record<string, JsonSchema>> } & JsonSchema;

/** The response schemas written beside what they mirror (one file per object under schemas/). */
export const RESPONSE_SCHEMAS: Record<string, JsonSchema> = {
  ...checkoutSessionSchemas,
  ...publicCheckoutSessionSchemas,
  ...stripeCheckoutSessionSchemas,
  ...stripeLineItemSchemas,
  ...apiKeySchemas,
  ...walletSchemas,
  ...webhookEndpointSchemas,
  ...webhookDeliverySchemas,
  ...eventSchemas,
  ...analyticsOverviewSchemas,
  ...merchantSchemas,
  ...subscriptionSchemas,
  ...errorSchemas,
};

function errorResponse(description: string, headers?: JsonSchema): JsonSchema {
  return { description, ...(headers ? { headers } : {}), content: { 'application/json': { schema: ref('Error') } } };
}

/** The statuses of seed 001, as HttpErrorFilter maps our one error hierarchy onto them. */
const ERROR_RESPONSES: Record<string, { name: string; response: JsonSchema }> = {
  400: {
    name: 'BadRequest',
    response: errorResponse(
      '`invalid_request_error` (a parameter is missing or breaks a limit: `parameter_invalid`, `parameter_missing`, `body_malformed`, …; `param` names it) or `idempotency_error` / `idempotency_key_reused` (the Idempotency-Key was first used with other parameters).',
    ),
  },
  401: { name: 'Unauthorized', response: errorResponse('`authentication_error`: no key (`api_key_missing`), an unknown, revoked or expired key.') },
  403: { name: 'Forbidden', response: errorResponse('`permission_error` / `insufficient_scope`: the key lacks the scope this route needs.') },
  404: { name: 'NotFound', response: errorResponse('`resource_missing`: no such object for this merchant and mode (another merchant\'s object is missing too).') },
  409: {
    name: 'Conflict',
    response: errorResponse(
      '`idempotency_error` / `idempotency_key_in_use` (the same Idempotency-Key is in flight: retry, `retryable: true`), or the object\'s state forbids the operation (`resource_state_conflict`, a limit such as the endpoint count).',
    ),
  },
  413: { name: 'PayloadTooLarge', response: errorResponse('`body_too_large`: 256 KiB at most.') },
  415: { name: 'UnsupportedMediaType', response: errorResponse('`content_type_unsupported`: send application/json (or form-encoded where listed).') },
  429: {
    name: 'TooManyRequests',
    response: errorResponse('`rate_limit_error`: the key exceeded its rate limit; retry after Retry-After seconds.', {
      'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer', minimum: 0 } },
    }),
  },
  500: { name: 'InternalError', response: errorResponse('`api_error` / `internal_error`: a fault of ours; the message carries no internals.') },
  503: { name: 'Unavailable', response: errorResponse('`api_error` / `service_unavailable`: a dependency did not answer in time; retry (`retryable: true`).') },
};

function errorStatuses(operation: OperationSpec): number[] {
  const statuses = new Set(operation.errors ?? []);
  if (operation.auth !== 'none' || operation.tag !== 'System') {
    for (const status of [500, 503]) statuses.add(status);
  }
  if (operation.auth !== 'none') {
    for (const status of [400, 401]) statuses.add(status);
  }
  if (operation.auth === 'apiKey') statuses.add(429);
  if (operation.scope !== undefined) statuses.add(403);
  if (operation.query !== undefined) statuses.add(400);
  if (operation.body !== undefined) for (const status of [400, 413, 415]) statuses.add(status);
  if (isIdempotent(operation)) statuses.add(409);
  return [...statuses].sort((a, b) => a - b);
}

function isIdempotent(operation: OperationSpec): boolean {
  return operation.method === 'post' && operation.auth !== 'none' && operation.idempotent !== false;
}

/** A query DTO's properties, one query parameter each, with the DTO's constraints as their schemas. */
function queryParameters(schema: JsonSchema): JsonSchema[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
    ...(property.type === 'array' ? { style: 'deepObject', explode: true } : {}),
  }));
}

function operationObject(operation: OperationSpec, dtos: Record<string, JsonSchema>): JsonSchema {
  const parameters: JsonSchema[] = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string', maxLength: 2048 },
  }));
  if (operation.query !== undefined) parameters.push(...queryParameters(dtos[operation.query.name]!));
  if (isIdempotent(operation)) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });

  const ok =
    'content' in operation.response && 'description' in operation.response && typeof operation.response.description === 'string'
      ? {
          description: operation.response.description,
          content: Object.fromEntries(
            Object.entries(operation.response.content as Record<string, JsonSchema>).map(([type, schema]) => [type, { schema }]),
          ),
        }
      : { description: 'OK', content: { 'application/json': { schema: operation.response } } };

  const responses: Record<string, JsonSchema> = { 200: ok };
  for (const status of errorStatuses(operation)) {
    const known = ERROR_RESPONSES[status];
    if (known === undefined) throw new Error(`No error response documented for status ${status}`);
    responses[status] = { $ref: `#/components/responses/${known.name}` };
  }

  const object: JsonSchema = {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    responses,
    security: operation.auth === 'apiKey' ? [{ secretKey: [] }] : operation.auth === 'operator' ? [{ operatorToken: [] }] : [],
  };
  if (operation.scope !== undefined) object['x-required-scope'] = operation.scope;
  if (operation.body !== undefined) {
    const body = { schema: ref(operation.body.name) };
    object.requestBody = {
      required: true,
      content: operation.formBody ? { 'application/json': body, 'application/x-www-form-urlencoded': body } : { 'application/json': body },
    };
  }
  return object;
}

const DESCRIPTION = `Self-hosted crypto checkout: create a checkout session, send the buyer to the hosted page, get a signed webhook when the payment confirms.

**Authentication.** Send a secret key as \`Authorization: Bearer sk_test_…\` (or HTTP Basic with the key as user name, as Stripe allows). Test keys see only test-mode data, live keys only live data. A key may be limited to scopes; each operation names the one it needs in \`x-required-scope\`.

**Idempotency.** Every POST takes an \`Idempotency-Key\` header: the same key with the same body returns the first answer for 24 hours; with a different body, a 400 \`idempotency_error\`; while the first is still running, a retryable 409.

**Errors.** Every error is \`{"error": {"type", "code", "message", "param"}}\` (Stripe's object), with \`retryable: true\` when the same request may succeed later.

**Money.** Fiat amounts are decimal strings ("50.00") in the native API and integer minor units in the Stripe-compatible one; crypto amounts are integer strings in atomic units (wei) with their decimal form beside them. No floats.

**Two shapes.** \`/api/v1/checkout_sessions\` is the native API; \`/v1/checkout/sessions\` (also at \`/api/checkout/sessions\`) answers as Stripe's Checkout Sessions, so Stripe's SDKs work pointed at this host.`;

/** The OpenAPI 3.1 document for the given operations: request schemas from the DTOs, response schemas from schemas/. */
export function buildOpenApiDocument(operations: readonly OperationSpec[], version: string): OpenApiDocument {
  const dtoClasses = operations.flatMap((operation) => [operation.body, operation.query].filter((cls) => cls !== undefined));
  const dtos = dtoSchemas(dtoClasses);
  for (const name of Object.keys(dtos)) {
    if (RESPONSE_SCHEMAS[name] !== undefined) throw new Error(`Schema name ${name} is both a DTO and a response`);
  }

  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of operations) {
    const item = (paths[operation.path] ??= {});
    if (item[operation.method] !== undefined) throw new Error(`Two operations for ${operation.method.toUpperCase()} ${operation.path}`);
    item[operation.method] = operationObject(operation, dtos);
  }

  const tags = [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name }));
  // Query DTOs become parameters; only body DTOs (and what they nest) are components.
  const queryNames = new Set(operations.flatMap((operation) => (operation.query ? [operation.query.name] : [])));
  const bodyNames = new Set(operations.flatMap((operation) => (operation.body ? [operation.body.name] : [])));
  const componentDtos = Object.fromEntries(Object.entries(dtos).filter(([name]) => !queryNames.has(name) || bodyNames.has(name)));

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'OpenCheckout API',
      version,
      description: DESCRIPTION,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/', description: 'This gateway' }],
    tags,
    paths,
    components: {
      schemas: { ...componentDtos, ...RESPONSE_SCHEMAS },
      responses: Object.fromEntries(Object.values(ERROR_RESPONSES).map(({ name, response }) => [name, response])),
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Makes the POST safe to retry: the same key and body answer the first result for 24 hours.',
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
        },
      },
      securitySchemes: {
        secretKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'A secret API key, sk_test_… or sk_live_…',
        },
        operatorToken: {
          type: 'http',
          scheme: 'bearer',
          description: "The instance operator's token (OPENCHECKOUT_ADMIN_TOKEN).",
        },
      },
    },
  };
}
