import { AppError } from '@opencheckout/errors';

/** A message on the events stream that is not a well-formed event: never retried, dead-lettered. */
export class InvalidEventMessageError extends AppError {
  override readonly name = 'InvalidEventMessageError';
  constructor(reason: string, options: { cause?: unknown } = {}) {
    super('api_error', 'event_message_invalid', 422, `Invalid event message: ${reason}`, options);
  }
}
