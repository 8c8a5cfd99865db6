import { boolean, closedObject, string, type JsonSchema } from '../json-schema.js';

/** Mirrors AppError.toBody() (@opencheckout/errors) as HttpErrorFilter sends it: Stripe's error object. */
export const errorSchemas: Record<string, JsonSchema> = {
  Error: closedObject(
    {
      error: {
        type: 'object',
        properties: {
          type: {
            type: 'string',
            enum: [
              'invalid_request_error',
              'authentication_error',
              'permission_error',
              'idempotency_error',
              'rate_limit_error',
              'api_error',
            ],
          },
          code: string({ examples: ['parameter_invalid', 'resource_missing', 'api_key_invalid', 'idempotency_key_reused'] }),
          message: string({ description: 'Short and human; never carries a secret.' }),
          param: string({ description: 'The parameter at fault, in bracket notation (line_items[0][price_data][currency]).' }),
          retryable: boolean({ description: 'Present and true when the same request may succeed when retried unchanged.' }),
        },
        required: ['type', 'code', 'message'],
        additionalProperties: false,
      },
    },
    { description: '`{error: {type, code, message, param}}`, on every path.' },
  ),
};
