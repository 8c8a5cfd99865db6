import { e2eEnv } from './e2e-env.js';
import { http } from './platform.js';

export interface IssuedKey {
  id: string;
  secret: string;
  livemode: boolean;
}

/** Another key of the caller's own mode, made by the merchant (`POST /api/v1/api_keys`). */
export async function createApiKey(key: string, name: string): Promise<IssuedKey> {
  const answer = await http<{ id: string; secret: string; livemode: boolean }>('POST', '/api/v1/api_keys', { key, body: { name } });
  if (answer.status !== 200) throw new Error(`api key create failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { id: answer.body.id, secret: answer.body.secret, livemode: answer.body.livemode };
}

/** A key of either mode issued by the operator: the only way a merchant gets a live key. */
export async function operatorKey(merchantId: string, livemode: boolean, name = 'operator issued'): Promise<IssuedKey> {
  const answer = await http<{ id: string; secret: string; livemode: boolean }>('POST', `/api/admin/merchants/${merchantId}/api_keys`, {
    key: e2eEnv().adminToken,
    body: { name, livemode },
  });
  if (answer.status !== 200) throw new Error(`operator key create failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { id: answer.body.id, secret: answer.body.secret, livemode: answer.body.livemode };
}

/** Stripe's bracket notation (`line_items[0][price_data][currency]=usd`), as the official SDK sends it. */
export function formEncode(value: unknown, prefix = ''): string {
  const parts: string[] = [];
  const walk = (node: unknown, path: string) => {
    // An empty container is sent as an empty value (as Stripe's SDK does to clear metadata), not dropped.
    if (path !== '' && node !== null && typeof node === 'object' && Object.keys(node).length === 0) parts.push(`${encodeURIComponent(path)}=`);
    else if (Array.isArray(node)) node.forEach((item, index) => walk(item, `${path}[${index}]`));
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) walk(child, path === '' ? key : `${path}[${key}]`);
    } else if (node !== undefined) parts.push(`${encodeURIComponent(path)}=${encodeURIComponent(String(node))}`);
  };
  walk(value, prefix);
  return parts.join('&');
}

/** Runs `count` calls with at most `width` in flight, keeping answers in call order. */
export async function inBatches<T>(count: number, width: number, call: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += width) {
    const batch = Array.from({ length: Math.min(width, count - start) }, (_, offset) => call(start + offset));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}
