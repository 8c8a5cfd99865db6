import { Transform } from 'class-transformer';
import { registerDecorator, type IsUrl, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Named limits (Stripe's where it has them). */
export const LIMITS = {
  metadataKeys: 50,
  metadataKeyLength: 40,
  metadataValueLength: 500,
  lineItems: 100,
  quantity: 10_000,
  nameLength: 250,
  descriptionLength: 500,
  urlLength: 2048,
  clientReferenceIdLength: 200,
  /** The wire's bound on a relative expiry (uint32 seconds); the session service applies its own, tighter one. */
  maxExpiresInSeconds: 4_294_967_295,
  /** Largest amount in minor units (≈ 10^10 dollars): beyond it a request is a mistake. */
  maxAmountMinor: 1_000_000_000_000n,
} as const;

/** Form bodies carry numbers as strings; accept only canonical integers, leave anything else to fail validation. */
export function ToInt(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value));
}

/** Metadata: a flat object of string values within Stripe's limits. */
export function IsMetadata(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isMetadata',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `must be an object of at most ${LIMITS.metadataKeys} string values (keys up to ${LIMITS.metadataKeyLength} characters, values up to ${LIMITS.metadataValueLength})`,
        ...options,
      },
      validator: {
        validate(value: unknown, _args: ValidationArguments) {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          if (entries.length > LIMITS.metadataKeys) return false;
          return entries.every(
            ([key, entry]) =>
              key.length > 0 &&
              key.length <= LIMITS.metadataKeyLength &&
              !key.includes('[') &&
              typeof entry === 'string' &&
              entry.length <= LIMITS.metadataValueLength,
          );
        },
      },
    });
  };
}

export const HTTP_URL: Parameters<typeof IsUrl>[0] = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
