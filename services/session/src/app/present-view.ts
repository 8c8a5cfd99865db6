import type { CheckoutSessionView } from '@opencheckout/contracts';
import { atomicToDecimalString } from '@opencheckout/chain';

/** Presentation the stored view leaves out: the hosted page URL and the decimal amount. */
export function presentView(view: CheckoutSessionView, publicUrl: string): CheckoutSessionView {
  const decimals = view.asset?.decimals ?? 18;
  view.checkoutUrl = `${publicUrl.replace(/\/$/, '')}/checkout/${view.sessionId}`;
  view.amountDueDecimal = atomicToDecimalString(BigInt(view.amountDueAtomic || '0'), decimals);
  return view;
}
