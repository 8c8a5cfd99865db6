import { monotonicFactory } from 'ulidx';

const nextUlid = monotonicFactory();

/** `whd_` + a ULID: ids sort in creation order, which the delivery list pages by. */
export function newDeliveryId(now: Date): string {
  return `whd_${nextUlid(now.getTime())}`;
}
