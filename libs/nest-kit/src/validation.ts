import { ValidationError } from '@opencheckout/errors';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError as ClassValidationError } from 'class-validator';

/** Stripe names a nested parameter with brackets: `line_items[0][price_data][currency]`. */
function paramPath(parent: string | undefined, property: string): string {
  return parent === undefined ? property : `${parent}[${property}]`;
}

function firstProblem(
  errors: ClassValidationError[],
  parent?: string,
): { param: string; message: string } | undefined {
  for (const error of errors) {
    const param = paramPath(parent, error.property);
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) {
      // Prefer the "should not exist" message for unknown fields, then any other.
      const unknown = messages.find((message) => message.includes('should not exist'));
      return { param, message: unknown ? `Received unknown parameter: ${param}` : `Invalid ${param}: ${messages[0]}` };
    }
    const nested = firstProblem(error.children ?? [], param);
    if (nested) return nested;
  }
  return undefined;
}

export interface ValidateOptions {
  /** Reject properties the DTO does not declare (Stripe answers "Received unknown parameter"). */
  forbidUnknown?: boolean;
}

/**
 * Turns an untrusted plain object into a validated DTO instance, or throws a
 * ValidationError naming the first offending parameter.
 */
export function validateDto<T extends object>(cls: ClassConstructor<T>, plain: unknown, options: ValidateOptions = {}): T {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new ValidationError('The request body must be an object.', { code: 'body_invalid' });
  }
  const instance = plainToInstance(cls, plain, { enableImplicitConversion: false, exposeDefaultValues: true });
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: options.forbidUnknown ?? true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  const problem = firstProblem(errors);
  if (problem) throw new ValidationError(problem.message, { param: problem.param });
  return instance;
}
