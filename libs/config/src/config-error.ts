import { AppError } from '@opencheckout/errors';

export interface ConfigProblem {
  /** The environment variable at fault. */
  readonly variable: string;
  /** What is wrong with it, never its value. */
  readonly reasons: readonly string[];
}

/** The environment does not describe a valid configuration. Thrown once at boot, listing every bad variable. */
export class ConfigError extends AppError {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      'api_error',
      'config_invalid',
      500,
      `Invalid configuration: ${problems.map((p) => `${p.variable} (${p.reasons.join('; ')})`).join(', ')}`,
    );
  }

  get variables(): string[] {
    return this.problems.map((problem) => problem.variable);
  }
}
