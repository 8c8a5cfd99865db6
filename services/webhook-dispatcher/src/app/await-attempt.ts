import type { DeliveryRecord, DeliveryRepository } from '../infra/delivery-repository.js';

/** Polls until the delivery has more than `attemptsBefore` attempts or the budget is spent; answers its latest state. */
export async function awaitAttempt(
  deliveries: DeliveryRepository,
  scope: { deliveryId: string; merchantId: string; livemode: boolean },
  attemptsBefore: number,
  budgetMs: number,
): Promise<DeliveryRecord | null> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const delivery = await deliveries.findDelivery(scope.deliveryId, scope.merchantId, scope.livemode);
    if (delivery === null || delivery.attemptCount > attemptsBefore || Date.now() >= deadline) return delivery;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
