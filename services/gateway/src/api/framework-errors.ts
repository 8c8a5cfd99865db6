import { AppError, InternalError } from '@opencheckout/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

type FrameworkError = Pick<FastifyError, 'code'>;

/** The typed error for what Fastify's router refuses before any route (and so any Nest filter) runs. */
export function frameworkError(error: FrameworkError): AppError {
  if (error.code === 'FST_ERR_BAD_URL') {
    return new AppError('invalid_request_error', 'url_invalid', 400, 'The request path is not a valid URL component.');
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return new AppError('invalid_request_error', 'url_too_long', 414, 'A path parameter is too long.');
  }
  return new InternalError({ cause: error });
}

/** Fastify's `frameworkErrors` hook: Stripe's error object there too, not Fastify's own body. */
export function replyFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const typed = frameworkError(error);
  void reply.code(typed.status).header('content-type', 'application/json; charset=utf-8').send({ error: typed.toBody() });
}
