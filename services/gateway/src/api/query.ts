import { ValidationError } from '@opencheckout/errors';

/** Query parameters arrive snake_case (Stripe, the dashboard) or camelCase (the SDK); one form for the DTOs. */
export function camelQuery(query: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof query !== 'object' || query === null) return out;
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    const camel = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    if (camel === 'created' && typeof value === 'object' && value !== null) {
      const range = value as Record<string, unknown>;
      if (range.gte !== undefined) out.createdGte = range.gte;
      if (range.lte !== undefined) out.createdLte = range.lte;
      continue;
    }
    out[camel] = value;
  }
  return out;
}

/** Unix seconds or an ISO 8601 date → ISO string; anything else is a typed error naming the parameter. */
export function timeParam(value: string | undefined, param: string): string {
  if (value === undefined || value === '') return '';
  const ms = /^\d{1,12}$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) throw new ValidationError(`Invalid ${param}: give unix seconds or an ISO 8601 date.`, { param });
  return new Date(ms).toISOString();
}
