import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError as ClassValidationError } from 'class-validator';
import { ConfigError, type ConfigProblem } from './config-error.js';

export type Env = Readonly<Record<string, string | undefined>>;

export type ConfigSchemas = Readonly<Record<string, ClassConstructor<object>>>;

export type LoadedConfigs<S extends ConfigSchemas> = { [K in keyof S]: InstanceType<S[K]> };

/**
 * Reads and validates configuration from the environment, once, at boot.
 * Schema classes name their properties after the variables (`DATABASE_URL`),
 * convert explicitly (@EnvInt, @EnvBoolean, @Type, @Transform) and give
 * defaults as property initialisers. Unset and empty variables take the
 * default. Throws a ConfigError naming every bad variable (values are never
 * echoed: they may be secrets).
 *
 *   const config = loadConfig(DatabaseConfig);
 *   const { db, nats } = loadConfig({ db: DatabaseConfig, nats: NatsConfig });
 */
export function loadConfig<T extends object>(schema: ClassConstructor<T>, env?: Env): T;
export function loadConfig<S extends ConfigSchemas>(schemas: S, env?: Env): LoadedConfigs<S>;
export function loadConfig(schemaOrSchemas: ClassConstructor<object> | ConfigSchemas, env: Env = process.env): object {
  const plain = presentVariables(env);
  if (typeof schemaOrSchemas === 'function') {
    const [config, problems] = loadOne(schemaOrSchemas, plain);
    if (problems.length > 0) throw new ConfigError(problems);
    return config;
  }
  const loaded: Record<string, object> = {};
  const problems = new Map<string, ConfigProblem>();
  for (const [key, schema] of Object.entries(schemaOrSchemas)) {
    const [config, found] = loadOne(schema, plain);
    loaded[key] = config;
    // Two schemas may share a variable; report it once.
    for (const problem of found) problems.set(problem.variable, problem);
  }
  if (problems.size > 0) throw new ConfigError([...problems.values()]);
  return loaded;
}

function presentVariables(env: Env): Record<string, string> {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') plain[name] = value;
  }
  return plain;
}

function loadOne(schema: ClassConstructor<object>, plain: Record<string, string>): [object, ConfigProblem[]] {
  const config = plainToInstance(schema, plain, { enableImplicitConversion: false, exposeDefaultValues: true });
  // whitelist drops the rest of the environment from the instance.
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  return [config, errors.map((error) => problemOf(error, plain[error.property]))];
}

function problemOf(error: ClassValidationError, raw: string | undefined): ConfigProblem {
  const reasons = Object.entries(error.constraints ?? {}).map(([constraint, message]) =>
    // A custom message may interpolate $value; fall back to the constraint's name then.
    raw !== undefined && message.includes(raw) ? constraint : message.replace(`${error.property} `, ''),
  );
  if (reasons.length === 0) reasons.push('is invalid');
  return { variable: error.property, reasons };
}
