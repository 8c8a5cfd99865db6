import { describe, expect, it } from '@jest/globals';
import { create } from '@bufbuild/protobuf';
import { MerchantSettingsSchema, WalletSource, WebhookEndpointStatus, encodeEventData } from '@opencheckout/contracts';
import { FULL_SCOPES, assertScopesWithin, normalizeScopes } from './api-key-scopes.js';
import { decide, evolve, type MerchantCommand, type MerchantEvent } from './merchant.decider.js';
import { MAX_ACTIVE_API_KEYS, defaultSettings, type Merchant } from './merchant.js';

const T0 = '2026-11-22T10:00:00.000Z';
const XPUB =
  'xpub6BosfCnifzxcFwrSzQiqu2DBVTshkCXacvNsWGYJVVhhawA7d4R5WSWGFNbi8Aw6ZRc1brxMyWMzG3DSSSSoekkudhUd9yLb6qx39T9nMdj';

function fold(events: MerchantEvent[], state: Merchant | null = null): Merchant {
  return events.reduce<Merchant | null>((s, e) => evolve(s, e, T0), state)!;
}

function run(state: Merchant | null, command: MerchantCommand): Merchant {
  return fold(decide(command, state), state);
}

function merchant(): Merchant {
  return run(null, { kind: 'create_merchant', merchantId: 'mer_1', name: 'Shop', email: 'a@shop.test', settings: defaultSettings('Shop'), at: T0 });
}

function key(n: number, livemode = false, at = T0, expiresAt = ''): MerchantCommand {
  return {
    kind: 'create_api_key',
    keyId: `key_${n}`,
    name: `k${n}`,
    livemode,
    keyHash: 'ab'.repeat(32),
    keyPrefix: 'sk_test_AbCd',
    last4: 'wxyz',
    scopes: [...FULL_SCOPES],
    expiresAt,
    at,
  };
}

function endpoint(n: number, livemode = false): MerchantCommand {
  return {
    kind: 'create_webhook_endpoint',
    endpointId: `we_${n}`,
    url: `https://hooks.example.com/${n}`,
    description: '',
    enabledEvents: ['session.paid', 'webhook.test'],
    livemode,
    secretCiphertext: `ocs1.kid.cipher${n}`,
    at: T0,
  };
}

describe('Merchant decider', () => {
  it('creates a merchant with default settings, once', () => {
    const m = merchant();
    expect(m.settings).toMatchObject({ sessionExpirySeconds: 86400, confirmationsRequired: 3, lateGraceSeconds: 600, maxWebhookEndpoints: 5 });
    expect(() => decide({ kind: 'create_merchant', merchantId: 'mer_1', name: 'x', email: '', settings: defaultSettings('x'), at: T0 }, m)).toThrow(
      expect.objectContaining({ code: 'merchant_exists' }),
    );
    expect(() => decide(key(1), null)).toThrow(expect.objectContaining({ code: 'resource_missing' }));
  });

  it('records API keys as hash, prefix and last4 only, and caps active keys at 50', () => {
    let m = merchant();
    const [created] = decide(key(0), m);
    expect(Object.keys(encodeEventData(created!.type, created!.data)).sort()).toEqual(
      ['createdAt', 'expiresAt', 'keyHash', 'keyId', 'keyPrefix', 'last4', 'livemode', 'merchantId', 'name', 'scopes'].sort(),
    );
    for (let i = 0; i < MAX_ACTIVE_API_KEYS; i += 1) m = run(m, key(i));
    expect(() => decide(key(99), m)).toThrow(expect.objectContaining({ code: 'api_key_limit_reached' }));
    // A revoked key frees its place.
    m = run(m, { kind: 'revoke_api_key', keyId: 'key_3', livemode: false, at: T0 });
    expect(decide(key(99), m)).toHaveLength(1);
  });

  it('does not count expired keys toward the limit and refuses an expiry in the past', () => {
    let m = merchant();
    for (let i = 0; i < MAX_ACTIVE_API_KEYS; i += 1) m = run(m, key(i, false, T0, '2026-11-22T11:00:00.000Z'));
    expect(() => decide(key(99), m)).toThrow(expect.objectContaining({ code: 'api_key_limit_reached' }));
    expect(decide(key(99, false, '2026-11-22T12:00:00.000Z'), m)).toHaveLength(1);
    expect(() => decide(key(100, false, T0, '2026-11-22T09:00:00.000Z'), m)).toThrow(expect.objectContaining({ code: 'expires_at_invalid' }));
  });

  it('revokes a key of the caller mode only, and a second revocation appends nothing', () => {
    let m = run(merchant(), key(1, true));
    expect(() => decide({ kind: 'revoke_api_key', keyId: 'key_1', livemode: false, at: T0 }, m)).toThrow(
      expect.objectContaining({ code: 'resource_missing' }),
    );
    m = run(m, { kind: 'revoke_api_key', keyId: 'key_1', livemode: true, at: '2026-11-22T10:05:00.000Z' });
    expect(m.apiKeys.get('key_1')!.revokedAt).toBe('2026-11-22T10:05:00.000Z');
    expect(decide({ kind: 'revoke_api_key', keyId: 'key_1', livemode: true, at: T0 }, m)).toEqual([]);
  });

  it('allows five webhook endpoints per mode by default, a typed error beyond, more when the setting says so', () => {
    let m = merchant();
    for (let i = 0; i < 5; i += 1) m = run(m, endpoint(i));
    expect(() => decide(endpoint(5), m)).toThrow(expect.objectContaining({ code: 'webhook_endpoint_limit_reached', status: 400 }));
    expect(decide(endpoint(5, true), m)).toHaveLength(1);
    m = run(m, { kind: 'update_settings', settings: create(MerchantSettingsSchema, { maxWebhookEndpoints: 6 }), at: T0 });
    expect(m.settings.confirmationsRequired).toBe(3);
    expect(decide(endpoint(5), m)).toHaveLength(1);
    m = run(m, { kind: 'delete_webhook_endpoint', endpointId: 'we_0', livemode: false, at: T0 });
    expect(m.webhookEndpoints.has('we_0')).toBe(false);
  });

  it('validates endpoint URLs and event types', () => {
    const m = merchant();
    const bad = (patch: Partial<Extract<MerchantCommand, { kind: 'create_webhook_endpoint' }>>, code: string) =>
      expect(() => decide({ ...(endpoint(1) as Extract<MerchantCommand, { kind: 'create_webhook_endpoint' }>), ...patch }, m)).toThrow(
        expect.objectContaining({ code }),
      );
    bad({ url: 'ftp://x.example.com/' }, 'url_invalid');
    bad({ url: `https://x.example.com/${'a'.repeat(2048)}` }, 'url_invalid');
    bad({ url: 'https://user:pw@x.example.com/' }, 'url_invalid');
    bad({ enabledEvents: ['session.paid', 'session.nope'] }, 'event_type_invalid');
    bad({ enabledEvents: [] }, 'parameter_missing');
    expect(decide({ ...(endpoint(1) as Extract<MerchantCommand, { kind: 'create_webhook_endpoint' }>), enabledEvents: ['*'] }, m)[0]!.data).toMatchObject({
      enabledEvents: ['*'],
    });
  });

  it('rotates a secret with an overlap of 0 to 7 days and keeps the endpoint', () => {
    let m = run(merchant(), endpoint(1));
    const rotate = (overlapSeconds: number, livemode = false): MerchantCommand => ({
      kind: 'rotate_webhook_secret',
      endpointId: 'we_1',
      livemode,
      secretCiphertext: 'ocs1.kid.new',
      overlapSeconds,
      at: T0,
    });
    const [rotated] = decide(rotate(86400), m);
    expect(rotated!.data).toMatchObject({ secretCiphertext: 'ocs1.kid.new', previousSecretExpiresAt: '2026-11-23T10:00:00.000Z' });
    m = fold([rotated!], m);
    expect(m.webhookEndpoints.get('we_1')!.previousSecretExpiresAt).toBe('2026-11-23T10:00:00.000Z');
    expect(decide(rotate(0), m)[0]!.data).toMatchObject({ previousSecretExpiresAt: '' });
    expect(() => decide(rotate(7 * 86400 + 1), m)).toThrow(expect.objectContaining({ code: 'overlap_out_of_range' }));
    expect(() => decide(rotate(60, true), m)).toThrow(expect.objectContaining({ code: 'resource_missing' }));
  });

  it('updates only what changed and disables with a reason', () => {
    const m = run(merchant(), endpoint(1));
    expect(decide({ kind: 'update_webhook_endpoint', endpointId: 'we_1', livemode: false, url: 'https://hooks.example.com/1', at: T0 }, m)).toEqual([]);
    const next = run(m, { kind: 'update_webhook_endpoint', endpointId: 'we_1', livemode: false, disabled: true, disabledReason: 'By hand.', at: T0 });
    expect(next.webhookEndpoints.get('we_1')).toMatchObject({ status: WebhookEndpointStatus.DISABLED, disabledReason: 'By hand.', url: 'https://hooks.example.com/1' });
    const enabled = run(next, { kind: 'update_webhook_endpoint', endpointId: 'we_1', livemode: false, disabled: false, enabledEvents: ['session.expired'], at: T0 });
    expect(enabled.webhookEndpoints.get('we_1')).toMatchObject({ status: WebhookEndpointStatus.ENABLED, disabledReason: '', enabledEvents: ['session.expired'] });
  });

  it('adds wallets per mode from an xpub only (the mnemonic never reaches the decider) and refuses duplicates', () => {
    const add = (walletId: string, livemode: boolean): MerchantCommand => ({
      kind: 'add_wallet',
      walletId,
      chainFamily: 'evm',
      xpub: XPUB,
      livemode,
      source: WalletSource.MNEMONIC,
      label: 'main',
      at: T0,
    });
    let m = run(merchant(), add('wal_1', false));
    expect(() => decide(add('wal_2', false), m)).toThrow(expect.objectContaining({ code: 'wallet_exists' }));
    m = run(m, add('wal_2', true));
    expect(() => decide({ kind: 'remove_wallet', walletId: 'wal_2', livemode: false, at: T0 }, m)).toThrow(
      expect.objectContaining({ code: 'resource_missing' }),
    );
    const [removed] = decide({ kind: 'remove_wallet', walletId: 'wal_2', livemode: true, at: T0 }, m);
    expect(removed!.type).toBe('merchant.wallet_removed');
    const [added] = decide(add('wal_3', true), fold([removed!], m));
    expect(Object.keys(encodeEventData(added!.type, added!.data)).sort()).toEqual(
      ['chainFamily', 'createdAt', 'label', 'livemode', 'merchantId', 'source', 'walletId', 'xpub'].sort(),
    );
  });

  it('validates settings after merging', () => {
    const m = merchant();
    expect(() => decide({ kind: 'update_settings', settings: create(MerchantSettingsSchema, { confirmationsRequired: 101 }), at: T0 }, m)).toThrow(
      expect.objectContaining({ code: 'setting_out_of_range' }),
    );
    const [updated] = decide(
      { kind: 'update_settings', settings: create(MerchantSettingsSchema, { lateGraceSeconds: 60, defaultAssetCode: 'usdc', defaultChainId: 31337 }), at: T0 },
      m,
    );
    expect(updated!.data).toMatchObject({ settings: { lateGraceSeconds: 60, defaultAssetCode: 'USDC', defaultChainId: 31337, sessionExpirySeconds: 86400 } });
  });
});

describe('API key scopes', () => {
  it('defaults to every scope, adds read to write, and refuses unknown ones', () => {
    expect(normalizeScopes([])).toEqual(FULL_SCOPES);
    expect(normalizeScopes(['webhooks:write', 'analytics:read'])).toEqual(['webhooks:read', 'webhooks:write', 'analytics:read']);
    expect(() => normalizeScopes(['sessions:write'])).toThrow(expect.objectContaining({ code: 'scope_invalid' }));
  });

  it('lets a key grant only scopes it holds', () => {
    expect(() => assertScopesWithin(['webhooks:write'], ['webhooks:read'])).toThrow(expect.objectContaining({ code: 'scope_escalation' }));
    expect(() => assertScopesWithin(['webhooks:read'], ['webhooks:read'])).not.toThrow();
    expect(() => assertScopesWithin([...FULL_SCOPES], [])).not.toThrow();
  });
});
