import { ValidationError } from '@opencheckout/errors';

/**
 * The stream type is the stream id's prefix before the first '-'
 * (`session-cs_123` → `session`). Ids without a '-' fall back to the first
 * segment of the event type (`session.created` → `session`).
 */
export function streamTypeOf(streamId: string, firstEventType: string): string {
  const dash = streamId.indexOf('-');
  if (dash > 0) return streamId.slice(0, dash);
  const dot = firstEventType.indexOf('.');
  if (dot > 0) return firstEventType.slice(0, dot);
  throw new ValidationError(`Cannot tell the stream type of '${streamId}'; pass streamType.`, {
    code: 'stream_type_unknown',
  });
}
