import { describe, it, expect } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createLogger, PinoNestLogger } from './index.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  const pinoLogger = createLogger({ name: 'gateway', level: 'trace', destination });
  return { lines, nest: new PinoNestLogger(pinoLogger) };
}

class CreateSessionUseCase {}

describe('PinoNestLogger', () => {
  it('maps Nest levels onto pino levels with the context as a field', () => {
    const { lines, nest } = capture();
    nest.log('mapped route', 'RouterExplorer');
    nest.warn('slow', 'Db');
    nest.debug('detail', 'Db');
    nest.verbose('noise', 'Db');
    nest.fatal('down', 'Main');
    expect(lines.map((line) => [line.level, line.msg, line.context])).toEqual([
      ['info', 'mapped route', 'RouterExplorer'],
      ['warn', 'slow', 'Db'],
      ['debug', 'detail', 'Db'],
      ['trace', 'noise', 'Db'],
      ['fatal', 'down', 'Main'],
    ]);
  });

  it("keeps Nest's error(message, stack, context) form apart", () => {
    const { lines, nest } = capture();
    nest.error('boom', 'Error: boom\n    at somewhere (file.ts:1:1)', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'boom', context: 'ExceptionsHandler' });
    expect(lines[0]!.stack).toContain('at somewhere');
  });

  it('serialises Error messages and merges object messages', () => {
    const { lines, nest } = capture();
    nest.error(new Error('kaput'), 'Worker');
    nest.log({ sessionId: 'cs_1', secret: 'whsec_x' }, 'Worker');
    expect(lines[0]).toMatchObject({ msg: 'kaput', context: 'Worker', err: { message: 'kaput', type: 'Error' } });
    expect(lines[1]).toMatchObject({ sessionId: 'cs_1', secret: '[Redacted]', context: 'Worker' });
  });

  it("serves as Nest's logger: new Logger(Class.name) writes with the class name as context", () => {
    const { lines, nest } = capture();
    Logger.overrideLogger(nest);
    try {
      new Logger(CreateSessionUseCase.name).log('created');
    } finally {
      Logger.overrideLogger(true);
    }
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'created', context: 'CreateSessionUseCase' }));
  });

  it('binds a default context', () => {
    const { lines, nest } = capture();
    nest.forContext('Relay').log('published');
    expect(lines[0]).toMatchObject({ msg: 'published', context: 'Relay' });
  });

  it('setLogLevels enables the most verbose level given and above', () => {
    const { lines, nest } = capture();
    nest.setLogLevels(['warn', 'error']);
    nest.log('hidden');
    nest.warn('shown');
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });
});
