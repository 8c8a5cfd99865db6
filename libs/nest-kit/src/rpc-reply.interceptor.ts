import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { AppError } from '@opencheckout/errors';
import { catchError, map, of, type Observable } from 'rxjs';
import { errorReply, okReply, type RpcReply } from './rpc-reply.js';

/** Wraps every message handler's result in a reply envelope and turns thrown errors into typed error replies. */
@Injectable()
export class RpcReplyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(RpcReplyInterceptor.name);

  intercept(context: ExecutionContext, next: CallHandler): Observable<RpcReply<unknown>> {
    return next.handle().pipe(
      map((data: unknown) => okReply(data ?? null)),
      catchError((error: unknown) => {
        if (!(error instanceof AppError) || error.status >= 500) {
          const pattern = context.switchToRpc().getContext<{ getSubject?: () => string }>()?.getSubject?.();
          this.logger.error({ err: error, pattern }, 'message handler failed');
        }
        return of(errorReply(error));
      }),
    );
  }
}
