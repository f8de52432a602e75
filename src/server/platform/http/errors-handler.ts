/** Maps every error to a JSON body `{ error: { code, message } }` and hides the internals of 5xx. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PLAIN_TEXT_RULE } from '../../../core/text.ts';
import { AppError } from '../errors.ts';
import { TEXT_FORMAT } from './validation.ts';

interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function describeValidation(context: string | undefined, issues: ValidationIssue[]): { message: string; field: string } {
  const first = issues[0] ?? {};
  const missing = typeof first.params?.missingProperty === 'string' ? `/${first.params.missingProperty}` : '';
  const extra = typeof first.params?.additionalProperty === 'string' ? `/${first.params.additionalProperty}` : '';
  const path = `${first.instancePath ?? ''}${missing || extra}`.replace(/^\//, '').replace(/\//g, '.');
  const field = path ? `${context ?? 'body'}.${path}` : (context ?? 'body');
  const plainText = first.keyword === 'format' && first.params?.format === TEXT_FORMAT;
  const what = missing ? 'is required' : extra ? 'is not allowed' : plainText ? PLAIN_TEXT_RULE : (first.message ?? 'is invalid');
  return { message: `${field} ${what}`, field };
}

export function handleError(err: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof AppError) {
    if (err.status === 429 && typeof err.details?.retryAfterSeconds === 'number') {
      void reply.header('Retry-After', String(err.details.retryAfterSeconds));
    }
    // A service that knows which request field is at fault names it as validation errors do (`field`).
    const field = typeof err.details?.field === 'string' ? { field: err.details.field } : {};
    void reply.status(err.status).send({ error: { code: err.code, message: err.message, ...field, ...(err.details ? { details: err.details } : {}) } });
    return;
  }
  const fe = err as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (fe.validation) {
    const { message, field } = describeValidation(fe.validationContext, fe.validation);
    void reply.status(400).send({ error: { code: 'invalid_request', message, field } });
    return;
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      void reply.status(413).send({ error: { code: 'payload_too_large', message: 'The request body is too large' } });
      return;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      void reply.status(415).send({ error: { code: 'unsupported_media_type', message: 'Unsupported Content-Type' } });
      return;
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      void reply.status(400).send({ error: { code: 'invalid_json', message: 'The JSON body is empty' } });
      return;
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      void reply.status(400).send({ error: { code: 'invalid_json', message: 'The body is not valid JSON' } });
      return;
  }
  if (err instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(fe.message))) {
    void reply.status(400).send({ error: { code: 'invalid_json', message: 'The body is not valid JSON' } });
    return;
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    void reply.status(fe.statusCode).send({ error: { code: (fe.code ?? 'bad_request').toLowerCase(), message: fe.message } });
    return;
  }
  request.log.error({ err }, 'unhandled error');
  void reply.status(500).send({ error: { code: 'internal_error', message: 'Internal server error' } });
}
