import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { e2eEnv } from './e2e-env.js';

/** The anvil mnemonic; merchants' wallets use accounts other than 0, which pays. */
export const TEST_MNEMONIC = 'test test test test test test test test test test test junk';

/** The account-level xpub (m/44'/60'/account') of the test mnemonic: a watch-only wallet. */
export function testXpub(account: number): string {
  return HDKey.fromMasterSeed(mnemonicToSeedSync(TEST_MNEMONIC)).derive(`m/44'/60'/${account}'`).publicExtendedKey;
}

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** One HTTP call to the running gateway. */
export async function http<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { key?: string; body?: unknown; rawBody?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${e2eEnv().gatewayUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (CSV export, HTML): the text itself.
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export interface TestMerchant {
  merchantId: string;
  key: string;
}

let accountCounter = 1 + Math.floor(Math.random() * 1000);

/** A fresh merchant through the operator API, with a test-mode wallet so sessions get addresses. */
export async function createMerchant(name = 'E2E store'): Promise<TestMerchant> {
  const created = await http<{ merchant: { id: string }; apiKey: { secret: string } }>('POST', '/api/admin/merchants', {
    key: e2eEnv().adminToken,
    body: { name },
  });
  if (created.status !== 200) throw new Error(`merchant create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const merchant = { merchantId: created.body.merchant.id, key: created.body.apiKey.secret };
  const wallet = await http('POST', '/api/v1/wallets', { key: merchant.key, body: { xpub: testXpub(accountCounter++) } });
  if (wallet.status !== 200) throw new Error(`wallet add failed: ${wallet.status} ${JSON.stringify(wallet.body)}`);
  return merchant;
}

/** Polls until `check` returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Creating a session may race the wallet's projection right after the merchant was made: retry that one case. */
export async function createSession(key: string, body: unknown, headers: Record<string, string> = {}) {
  return eventually(async () => {
    const answer = await http('POST', '/api/v1/checkout_sessions', { key, body, headers });
    if (answer.status === 400 && (answer.body as { error?: { code?: string } }).error?.code === 'wallet_missing') return undefined;
    return answer;
  }, 10_000, 'the wallet to be usable');
}
