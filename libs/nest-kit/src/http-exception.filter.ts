import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import {
  AppError,
  AuthenticationError,
  InternalError,
  RateLimitError,
  RouteNotFoundError,
  ValidationError,
} from '@opencheckout/errors';

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}
interface RequestLike {
  method?: string;
  url?: string;
}

function unsupportedMediaType(): AppError {
  return new AppError(
    'invalid_request_error',
    'content_type_unsupported',
    415,
    'Unsupported Content-Type: send application/json or application/x-www-form-urlencoded.',
  );
}

function bodyTooLarge(): AppError {
  return new AppError('invalid_request_error', 'body_too_large', 413, 'The request body is too large (256 KiB at most).');
}

/** Maps a framework-level HTTP exception (bad JSON, unknown route, wrong media type...) onto our typed errors. */
function fromHttpException(exception: HttpException, request: RequestLike): AppError {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? '');
  if (status === 404) return new RouteNotFoundError(request.method ?? 'GET', (request.url ?? '/').split('?')[0] ?? '/');
  if (status === 401) return new AuthenticationError();
  if (status === 415)
    return unsupportedMediaType();
  if (status === 413) return bodyTooLarge();
  if (status === 429) return new RateLimitError(1);
  if (status === 400 && /json|body/i.test(message)) {
    return new ValidationError('The request body could not be parsed as JSON.', { code: 'body_malformed' });
  }
  if (status >= 400 && status < 500) {
    return new AppError('invalid_request_error', 'request_invalid', status, message || 'The request is invalid.');
  }
  return new InternalError({ cause: exception });
}

/** Fastify's own errors (body parsing, media type, size) carry a statusCode and an FST_ code. */
function fromFastifyError(exception: { statusCode: number; code?: string; message?: string }): AppError {
  if (exception.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || exception.statusCode === 415) {
    return unsupportedMediaType();
  }
  if (exception.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || exception.statusCode === 413) {
    return bodyTooLarge();
  }
  if (exception.statusCode === 400) {
    return new ValidationError('The request body could not be parsed.', { code: 'body_malformed' });
  }
  return new AppError('invalid_request_error', 'request_invalid', exception.statusCode, 'The request is invalid.');
}

function isFastifyClientError(exception: unknown): exception is { statusCode: number; code?: string } {
  if (typeof exception !== 'object' || exception === null) return false;
  const statusCode = (exception as { statusCode?: unknown }).statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

/** The one place where errors become HTTP: Stripe's `{error: {type, code, message, param}}`, on every path. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<ReplyLike>();
    const request = http.getRequest<RequestLike>();
    let error: AppError;
    if (exception instanceof AppError) error = exception;
    else if (exception instanceof HttpException) error = fromHttpException(exception, request);
    else if (isFastifyClientError(exception)) error = fromFastifyError(exception);
    else error = new InternalError({ cause: exception });

    if (error.status >= 500) {
      this.logger.error({ err: exception, method: request.method, url: request.url?.split('?')[0] }, 'request failed');
    }
    if (error instanceof RateLimitError) reply.header('Retry-After', String(error.retryAfterSeconds));
    reply.status(error.status).send({ error: error.toBody() });
  }
}
