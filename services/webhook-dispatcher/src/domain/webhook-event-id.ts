/**
 * The public id of a webhook event, derived from the store's event UUID so the
 * same fact always carries the same `evt_` id (receivers dedupe on it, replays keep it).
 */
export function webhookEventIdOf(storeEventId: string): string {
  const hex = storeEventId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new TypeError('store event ids are UUIDs');
  return `evt_${hex}`;
}
