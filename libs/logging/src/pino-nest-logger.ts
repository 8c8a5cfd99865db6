import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Level, Logger } from 'pino';

const pinoLevelOf: Record<LogLevel, Level> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

// Most verbose first: setLogLevels enables the lowest level it is given.
const ordered: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

/**
 * Nest's LoggerService on a pino logger. Nest passes the context (the class
 * name given to `new Logger(Foo.name)`) as the last string argument; it lands
 * in the `context` field. Use `app.useLogger(new PinoNestLogger(logger))`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(
    private readonly logger: Logger,
    private readonly context?: string,
  ) {}

  /** A logger bound to one context, for classes that log without Nest's Logger. */
  forContext(context: string): PinoNestLogger {
    return new PinoNestLogger(this.logger, context);
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  setLogLevels(levels: LogLevel[]): void {
    const lowest = ordered.find((level) => levels.includes(level));
    this.logger.level = lowest === undefined ? 'silent' : pinoLevelOf[lowest];
  }

  private write(level: Level, message: unknown, optionalParams: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const params = [...optionalParams];
    let context = this.context;
    if (params.length > 0 && typeof params[params.length - 1] === 'string') {
      context = params.pop() as string;
    }
    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields.context = context;
    // Nest's error(message, stack, context) form.
    if (level === 'error' || level === 'fatal') {
      const stack = params.find((param): param is string => typeof param === 'string' && param.includes('\n'));
      if (stack !== undefined) {
        fields.stack = stack;
        params.splice(params.indexOf(stack), 1);
      }
    }
    for (const param of params) {
      if (param instanceof Error) fields.err = param;
      else if (param !== null && typeof param === 'object') Object.assign(fields, param);
    }
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      this.logger[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
