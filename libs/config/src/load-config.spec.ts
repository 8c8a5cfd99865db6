import { describe, it, expect } from '@jest/globals';
import { IsArray, IsBoolean, IsInt, IsString, Min } from 'class-validator';
import { AppError } from '@opencheckout/errors';
import {
  ConfigError,
  DatabaseConfig,
  EnvBoolean,
  EnvInt,
  EnvList,
  LogConfig,
  NatsConfig,
  loadConfig,
} from './index.js';

const DB = 'postgres://app:s3cr3t-pass@db.internal:5432/checkout';

function configError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

class ServiceConfig {
  @EnvInt()
  @IsInt()
  @Min(1)
  PORT: number = 3000;

  @EnvBoolean()
  @IsBoolean()
  FEATURE_ON: boolean = false;

  @EnvList()
  @IsArray()
  @IsString({ each: true })
  CHAINS: string[] = [];
}

describe('loadConfig', () => {
  it('applies defaults for unset and empty variables', () => {
    const nats = loadConfig(NatsConfig, { EVENTS_STREAM: '' });
    expect(nats).toBeInstanceOf(NatsConfig);
    expect({ ...nats }).toEqual({
      NATS_URL: 'nats://127.0.0.1:4222',
      EVENTS_STREAM: 'EVENTS',
      EVENTS_SUBJECT_PREFIX: 'events',
    });
    expect(loadConfig(LogConfig, {})).toMatchObject({ LOG_LEVEL: 'info', LOG_PRETTY: false });
  });

  it('reads and converts the variables explicitly', () => {
    const db = loadConfig(DatabaseConfig, { DATABASE_URL: DB, DATABASE_POOL_SIZE: '25' });
    expect(db.DATABASE_URL).toBe(DB);
    expect(db.DATABASE_POOL_SIZE).toBe(25);
    const service = loadConfig(ServiceConfig, { PORT: '8080', FEATURE_ON: 'yes', CHAINS: '1, 8453,,31337' });
    expect(service).toMatchObject({ PORT: 8080, FEATURE_ON: true, CHAINS: ['1', '8453', '31337'] });
    expect(loadConfig(ServiceConfig, { FEATURE_ON: 'OFF' }).FEATURE_ON).toBe(false);
  });

  it('keeps the rest of the environment out of the config', () => {
    const db = loadConfig(DatabaseConfig, { DATABASE_URL: DB, HOME: '/root', AWS_SECRET: 'x' });
    expect(Object.keys(db).sort()).toEqual(['DATABASE_POOL_SIZE', 'DATABASE_URL']);
  });

  it('does not convert loosely: "1e3", "0x10", "4.2" are not integers, "maybe" is not a boolean', () => {
    for (const PORT of ['1e3', '0x10', '4.2', 'eighty']) {
      expect(configError(() => loadConfig(ServiceConfig, { PORT })).variables).toEqual(['PORT']);
    }
    expect(configError(() => loadConfig(ServiceConfig, { FEATURE_ON: 'maybe' })).variables).toEqual(['FEATURE_ON']);
  });

  it('lists every bad variable by name, never its value', () => {
    const error = configError(() =>
      loadConfig(DatabaseConfig, { DATABASE_URL: 'mysql://root:hunter2@db/x', DATABASE_POOL_SIZE: '0' }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('config_invalid');
    expect(error.variables.sort()).toEqual(['DATABASE_POOL_SIZE', 'DATABASE_URL']);
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).toContain('DATABASE_POOL_SIZE');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('mysql://');
    expect(JSON.stringify(error.problems)).not.toContain('hunter2');
  });

  it('reports a required variable that is missing', () => {
    const error = configError(() => loadConfig(DatabaseConfig, {}));
    expect(error.variables).toEqual(['DATABASE_URL']);
  });

  it('loads several schemas at once and reports all their problems together', () => {
    const { db, nats, log } = loadConfig(
      { db: DatabaseConfig, nats: NatsConfig, log: LogConfig },
      { DATABASE_URL: DB, NATS_URL: 'nats://a:4222,nats://b:4222', LOG_LEVEL: 'debug' },
    );
    expect(db.DATABASE_URL).toBe(DB);
    expect(nats.NATS_URL).toBe('nats://a:4222,nats://b:4222');
    expect(log.LOG_LEVEL).toBe('debug');

    const error = configError(() =>
      loadConfig(
        { db: DatabaseConfig, nats: NatsConfig, log: LogConfig },
        { NATS_URL: 'http://x', EVENTS_STREAM: 'has.dots', EVENTS_SUBJECT_PREFIX: 'events.>', LOG_LEVEL: 'loud' },
      ),
    );
    expect(error.variables.sort()).toEqual([
      'DATABASE_URL',
      'EVENTS_STREAM',
      'EVENTS_SUBJECT_PREFIX',
      'LOG_LEVEL',
      'NATS_URL',
    ]);
    expect(error.message).not.toContain('loud');
  });

  it('falls back to a constraint name when a message would echo the value', () => {
    class Secretive {
      @IsString()
      @Min(5, { message: '$property got $value' })
      TOKEN: string = '';
    }
    const error = configError(() => loadConfig(Secretive, { TOKEN: 'abc-very-secret' }));
    expect(error.message).not.toContain('abc-very-secret');
    expect(error.variables).toEqual(['TOKEN']);
  });
});
