export { loadConfig, type ConfigSchemas, type Env, type LoadedConfigs } from './load-config.js';
export { ConfigError, type ConfigProblem } from './config-error.js';
export { EnvBoolean, EnvInt, EnvList } from './env-transforms.js';
export { DatabaseConfig } from './database.config.js';
export { NatsConfig } from './nats.config.js';
export { LogConfig, LOG_LEVELS, type LogLevel } from './log.config.js';
