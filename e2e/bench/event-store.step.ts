// Bench step 1: event-store appends/s and replay-into-projection events/s, in
// both relay wake-up modes (libs/messaging/bench/bench-event-store.ts).
import { benchEventStore } from '../../libs/messaging/bench/bench-event-store.js';
import { progress, quick, runStep } from './step-runner.js';

await runStep('event store', async () => {
  const events = quick ? 2_000 : 20_000;
  const modes: Record<string, unknown> = {};
  for (const notify of ['in-transaction', 'after-commit'] as const) {
    progress(`event store: ${events} events, notify ${notify}`);
    modes[notify] = await benchEventStore({ events, notify });
  }
  return { events, concurrency: 8, modes };
});
