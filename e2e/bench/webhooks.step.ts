// Bench step 4: the webhook dispatcher (deliveries/s, event → first attempt lag,
// and that lag while another endpoint hangs).
import { benchWebhookDispatcher } from '../../services/webhook-dispatcher/bench/bench-webhook-dispatcher.js';
import { progress, quick, runStep } from './step-runner.js';

await runStep('webhooks', async () => {
  const options = quick ? { deliveries: 200, endpoints: 4, rate: 20, seconds: 2 } : { deliveries: 2_000, endpoints: 16, rate: 50, seconds: 8 };
  progress(`webhook dispatcher: ${options.deliveries} deliveries over ${options.endpoints} endpoints, lag at ${options.rate}/s for ${options.seconds} s`);
  return { options, ...(await benchWebhookDispatcher(options)) };
});
