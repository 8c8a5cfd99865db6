import { pino, stdTimeFunctions, type DestinationStream, type Level, type Logger } from 'pino';
import { currentCorrelationId } from './correlation-id.js';
import { REDACT_PATHS } from './redact-paths.js';

export type { Logger } from 'pino';

export interface CreateLoggerParameters {
  /** The service or component, written as `name` on every line. */
  name: string;
  level?: Level | 'silent';
  /** Human-readable output through pino-pretty (LogConfig.LOG_PRETTY); JSON otherwise. */
  pretty?: boolean;
  /** Where JSON lines go; stdout by default. Ignored when pretty. */
  destination?: DestinationStream;
}

/**
 * A JSON logger: ISO times, level names, secrets redacted, and the current
 * correlation id (see withCorrelationId) on every line.
 */
export function createLogger({ name, level = 'info', pretty = false, destination }: CreateLoggerParameters): Logger {
  const options = {
    name,
    level,
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: [...REDACT_PATHS], censor: '[Redacted]' },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return correlationId === undefined ? {} : { correlationId };
    },
  };
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, singleLine: true } } });
  }
  return destination === undefined ? pino(options) : pino(options, destination);
}
