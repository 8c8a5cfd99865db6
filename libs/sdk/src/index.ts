export { CheckoutClient, type CheckoutClientOptions } from './checkout-client.js';
export * from './checkout-error.js';
export type * from './types.js';
export { SDK_VERSION } from './http-client.js';
