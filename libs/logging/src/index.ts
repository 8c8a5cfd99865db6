export { createLogger, type CreateLoggerParameters, type Logger } from './create-logger.js';
export { PinoNestLogger } from './pino-nest-logger.js';
export { currentCorrelationId, withCorrelationId } from './correlation-id.js';
export { REDACT_PATHS, SECRET_KEYS } from './redact-paths.js';
