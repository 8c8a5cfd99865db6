import { describe, it, expect } from '@jest/globals';
import { createLogger, currentCorrelationId, withCorrelationId } from './index.js';

function capture(level: 'info' | 'debug' | 'warn' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  return { lines, logger: createLogger({ name: 'session', level, destination }) };
}

describe('createLogger', () => {
  it('writes one JSON object per line with name, level name, ISO time and message', () => {
    const { lines, logger } = capture();
    logger.info({ sessionId: 'cs_1' }, 'session created');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ name: 'session', level: 'info', msg: 'session created', sessionId: 'cs_1' });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
  });

  it('drops lines below the level', () => {
    const { lines, logger } = capture('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => line.msg)).toEqual(['loud']);
  });

  it('redacts secret-looking keys at the top level and nested', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        authorization: 'Bearer sk_test_top',
        req: { headers: { authorization: 'Bearer sk_test_header', 'x-api-key': 'sk_test_x' } },
        endpoint: { url: 'https://example.com/hook', secret: 'whsec_nested' },
        wallet: { import: { mnemonic: 'abandon abandon about' } },
        merchant: { owner: { login: { password: 'hunter2' } } },
        apiKey: 'sk_live_key',
        asset: { tokenAddress: '0xabc' },
      },
      'request',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ['sk_test_top', 'sk_test_header', 'sk_test_x', 'whsec_nested', 'abandon', 'hunter2', 'sk_live_key']) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      authorization: '[Redacted]',
      endpoint: { url: 'https://example.com/hook', secret: '[Redacted]' },
      asset: { tokenAddress: '0xabc' },
    });
  });
});

describe('correlation id', () => {
  it('is added to every line written inside withCorrelationId, across awaits', async () => {
    const { lines, logger } = capture();
    logger.info('before');
    await withCorrelationId('corr_1', async () => {
      logger.info('inside');
      await new Promise((resolve) => setImmediate(resolve));
      logger.info('after await');
      expect(currentCorrelationId()).toBe('corr_1');
    });
    logger.info('outside');
    expect(lines.map((line) => [line.msg, line.correlationId])).toEqual([
      ['before', undefined],
      ['inside', 'corr_1'],
      ['after await', 'corr_1'],
      ['outside', undefined],
    ]);
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('keeps concurrent scopes apart and lets inner scopes nest', async () => {
    const seen: Array<string | undefined> = [];
    await Promise.all(
      ['a', 'b'].map((id) =>
        withCorrelationId(id, async () => {
          await new Promise((resolve) => setImmediate(resolve));
          seen.push(currentCorrelationId());
          withCorrelationId(`${id}-inner`, () => seen.push(currentCorrelationId()));
          seen.push(currentCorrelationId());
        }),
      ),
    );
    expect(seen.sort()).toEqual(['a', 'a', 'a-inner', 'b', 'b', 'b-inner']);
  });

  it('returns what the wrapped function returns', () => {
    expect(withCorrelationId('x', () => 42)).toBe(42);
  });
});
