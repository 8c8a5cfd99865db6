import { e2eEnv } from './e2e-env.js';

export interface TestMerchant {
  merchantId: string;
  /** A `sk_test_…` key of the new merchant. */
  apiKey: string;
}

/** Creates a merchant through the operator API of the running system: one per test file keeps data apart. */
export async function createTestMerchant(name = 'E2E store'): Promise<TestMerchant> {
  const { gatewayUrl, adminToken } = e2eEnv();
  const response = await fetch(`${gatewayUrl}/api/admin/merchants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  const body = (await response.json().catch(() => null)) as { merchant?: { id?: string }; apiKey?: { secret?: string } } | null;
  if (!response.ok || !body?.merchant?.id || !body.apiKey?.secret) {
    throw new Error(`POST /api/admin/merchants answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return { merchantId: body.merchant.id, apiKey: body.apiKey.secret };
}
