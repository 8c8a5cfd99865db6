// Bench step 3 (component part): the block processor alone on synthetic blocks,
// and the payment watcher on anvil (per-block time with 100 vs 100,000 watched
// addresses; confirming block → payment.confirmed latency).
import { benchWatcher } from '../../services/payment-watcher/bench/bench-watcher.js';
import { benchBlockProcessor } from '../../services/payment-watcher/src/infra/chain/block-processor.bench.js';
import { progress, quick, runStep } from './step-runner.js';

await runStep('chain', async () => {
  progress('block processor: synthetic blocks, 100 vs 100,000 watched addresses');
  const processor = benchBlockProcessor({ blocks: quick ? 50 : 500 });
  const processorRatio = Number((processor[1]!.microsecondsPerBlock / processor[0]!.microsecondsPerBlock).toFixed(2));
  progress('payment watcher on anvil: per-block time and payment.confirmed latency');
  const watcher = await benchWatcher(quick ? { blocks: 30, payments: 3 } : { blocks: 200, payments: 20 });
  return { processor, processorRatio, watcher };
});
