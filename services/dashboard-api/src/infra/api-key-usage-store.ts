import type { DataSource } from 'typeorm';
import { DASHBOARD_SCHEMA } from './migrations/1763900000000-dashboard-schema.js';

/** Last use per API key, from the gateway's notices; only ever moves forward. */
export class ApiKeyUsageStore {
  constructor(private readonly dataSource: DataSource) {}

  async record(merchantId: string, keyId: string, usedAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "${DASHBOARD_SCHEMA}".api_key_usage (key_id, merchant_id, last_used_at) VALUES ($1, $2, $3)
       ON CONFLICT (key_id) DO UPDATE SET last_used_at = GREATEST(api_key_usage.last_used_at, EXCLUDED.last_used_at)
       WHERE api_key_usage.merchant_id = EXCLUDED.merchant_id`,
      [keyId, merchantId, usedAt],
    );
  }

  async lastUsed(merchantId: string, keyIds: string[]): Promise<Map<string, string>> {
    if (keyIds.length === 0) return new Map();
    const rows: { key_id: string; last_used_at: Date }[] = await this.dataSource.query(
      `SELECT key_id, last_used_at FROM "${DASHBOARD_SCHEMA}".api_key_usage WHERE merchant_id = $1 AND key_id = ANY($2)`,
      [merchantId, keyIds],
    );
    return new Map(rows.map((row) => [row.key_id, row.last_used_at.toISOString()]));
  }
}
