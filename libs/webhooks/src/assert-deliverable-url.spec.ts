import { describe, expect, it } from '@jest/globals';
import { assertDeliverableUrl, type HostResolver } from './assert-deliverable-url.js';
import { UnsafeWebhookUrlError } from './unsafe-webhook-url-error.js';
import { ValidationError } from '@opencheckout/errors';

const resolvesTo =
  (...addresses: string[]): HostResolver =>
  async () =>
    addresses;

async function refusal(promise: Promise<unknown>): Promise<UnsafeWebhookUrlError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UnsafeWebhookUrlError);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as UnsafeWebhookUrlError).param).toBe('url');
    expect((error as UnsafeWebhookUrlError).status).toBe(400);
    return error as UnsafeWebhookUrlError;
  }
  throw new Error('expected the URL to be refused');
}

describe('assertDeliverableUrl', () => {
  it('accepts a public host in live mode and reports the addresses checked', async () => {
    const result = await assertDeliverableUrl('https://shop.example/hooks', {
      mode: 'live',
      resolve: resolvesTo('93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'),
    });
    expect(result.url.hostname).toBe('shop.example');
    expect(result.addresses).toEqual(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']);
  });

  it('refuses schemes other than http(s) and invalid URLs, in both modes', async () => {
    for (const mode of ['test', 'live'] as const) {
      for (const url of ['ftp://shop.example/x', 'file:///etc/passwd', 'gopher://a', 'not a url']) {
        await refusal(assertDeliverableUrl(url, { mode, resolve: resolvesTo('93.184.216.34') }));
      }
    }
  });

  const unsafe: Array<[string, string]> = [
    ['loopback v4', '127.0.0.1'],
    ['loopback v4 other', '127.3.2.1'],
    ['loopback v6', '::1'],
    ['RFC 1918 10/8', '10.1.2.3'],
    ['RFC 1918 172.16/12', '172.31.255.254'],
    ['RFC 1918 192.168/16', '192.168.0.10'],
    ['CGNAT', '100.64.0.1'],
    ['link-local v4', '169.254.10.10'],
    ['metadata v4', '169.254.169.254'],
    ['metadata v6', 'fd00:ec2::254'],
    ['link-local v6', 'fe80::1'],
    ['unique-local v6', 'fc00::1'],
    ['unspecified v4', '0.0.0.0'],
    ['unspecified v6', '::'],
    ['multicast v4', '224.0.0.1'],
    ['multicast v6', 'ff02::1'],
    ['broadcast', '255.255.255.255'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped private', '::ffff:10.0.0.1'],
    ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
    ['NAT64 embedding private', '64:ff9b::a00:1'],
  ];

  it.each(unsafe)('refuses a host resolving to %s (%s) in live mode', async (_label, address) => {
    await refusal(assertDeliverableUrl('https://hooks.shop.example/x', { mode: 'live', resolve: resolvesTo(address) }));
  });

  it('refuses when any one of several addresses is unsafe (no first-answer luck)', async () => {
    await refusal(
      assertDeliverableUrl('https://hooks.shop.example/x', { mode: 'live', resolve: resolvesTo('93.184.216.34', '10.0.0.5') }),
    );
  });

  it('refuses IP literals without resolving them, including bracketed v6 and numeric v4 forms', async () => {
    const never: HostResolver = async () => {
      throw new Error('must not resolve a literal');
    };
    for (const url of ['http://127.0.0.1:8080/', 'http://[::1]/', 'http://[::ffff:7f00:1]/', 'http://2130706433/', 'http://0x7f.1/', 'http://169.254.169.254/latest/meta-data']) {
      await refusal(assertDeliverableUrl(url, { mode: 'live', resolve: never }));
    }
  });

  it('refuses a host that does not resolve', async () => {
    const error = await refusal(
      assertDeliverableUrl('https://nowhere.invalid/', {
        mode: 'live',
        resolve: async () => {
          throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
        },
      }),
    );
    expect(error.code).toBe('url_unresolvable');
  });

  it('lets the allowlist open hosts, IPs and CIDRs for development', async () => {
    const local = resolvesTo('127.0.0.1');
    await expect(assertDeliverableUrl('http://localhost:4000/h', { mode: 'live', allowlist: ['localhost'], resolve: local })).resolves.toBeDefined();
    await expect(assertDeliverableUrl('http://api.dev.test/h', { mode: 'live', allowlist: ['*.dev.test'], resolve: local })).resolves.toBeDefined();
    await expect(assertDeliverableUrl('http://hook.internal/h', { mode: 'live', allowlist: ['127.0.0.0/8'], resolve: local })).resolves.toBeDefined();
    await expect(assertDeliverableUrl('http://10.0.0.7/h', { mode: 'live', allowlist: ['10.0.0.7'] })).resolves.toBeDefined();
    await refusal(assertDeliverableUrl('http://hook.internal/h', { mode: 'live', allowlist: ['10.0.0.0/8', 'other.test'], resolve: local }));
    await refusal(assertDeliverableUrl('http://dev.test/h', { mode: 'live', allowlist: ['*.dev.test'], resolve: local }));
  });

  it('lets test mode reach localhost but never a metadata address', async () => {
    await expect(assertDeliverableUrl('http://localhost:4000/h', { mode: 'test' })).resolves.toBeDefined();
    await expect(assertDeliverableUrl('http://127.0.0.1:4000/h', { mode: 'test' })).resolves.toBeDefined();
    await refusal(assertDeliverableUrl('http://169.254.169.254/latest', { mode: 'test' }));
    await refusal(assertDeliverableUrl('http://[fd00:ec2::254]/latest', { mode: 'test' }));
  });
});
