import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { healthPattern } from '@opencheckout/nest-kit';
import { PAYMENT_WATCHER_APP, type PaymentWatcherApp } from '../payment-watcher-app.js';

/** Request-reply handlers. The watcher's work is on the chain and the bus; here it only says it is up. */
@Controller()
export class PaymentWatcherHandlers {
  constructor(@Inject(PAYMENT_WATCHER_APP) private readonly app: PaymentWatcherApp) {}

  @MessagePattern(healthPattern('payment-watcher'))
  health(): { ok: true; activeChains: number[] } {
    return { ok: true, activeChains: this.app.supervisor.active().map((chain) => chain.chainId) };
  }
}
