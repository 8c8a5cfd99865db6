import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A non-empty plain object whose keys and string values match the given patterns. */
export function IsStringRecord(key: RegExp, value: RegExp, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isStringRecord',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `$property must map ${key} to ${value}`, ...options },
      validator: {
        validate(input: unknown): boolean {
          if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
          const entries = Object.entries(input);
          return entries.length > 0 && entries.every(([k, v]) => key.test(k) && typeof v === 'string' && value.test(v));
        },
      },
    });
  };
}
