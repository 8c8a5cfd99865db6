import { IsBoolean, IsIn } from 'class-validator';
import { EnvBoolean } from './env-transforms.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class LogConfig {
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Human-readable lines for local development; JSON otherwise. */
  @EnvBoolean()
  @IsBoolean()
  LOG_PRETTY: boolean = false;
}
