import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import type { ErrorBody } from '../../contracts/error-body.js';
import { toFieldIssues } from '../../contracts/validation.js';
import { errorCodeOf, httpStatusByCode, type FieldIssue } from '../../errors.js';

const reasonPhrases: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Builds the error body every Genoa service answers with (Spring's error attributes + code + field issues). */
export function errorBody(
  status: number,
  message: string,
  code: string,
  requestId?: string,
  errors?: FieldIssue[],
): ErrorBody {
  return {
    timestamp: Date.now(),
    status,
    error: reasonPhrases[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request'),
    message,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** What an error becomes on the wire: status, body, and whether it is a server fault. */
export function describeError(err: unknown, requestId?: string): { status: number; body: ErrorBody } {
  if (err instanceof ZodError) {
    const issues = toFieldIssues(err);
    const first = issues[0];
    const message = first
      ? `Invalid request: ${first.path || '(root)'}: ${first.message}`
      : 'Invalid request';
    return { status: 400, body: errorBody(400, message, 'INPUT', requestId, issues) };
  }
  const code = errorCodeOf(err);
  if (code) {
    const status = httpStatusByCode[code];
    const issues = (err as { issues?: FieldIssue[] }).issues;
    const message = status >= 500 && code === 'INTERNAL' ? 'Internal Server Error' : (err as Error).message;
    return { status, body: errorBody(status, message, code, requestId, issues) };
  }
  const fastifyStatus = (err as FastifyError | undefined)?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const fastifyCode = (err as FastifyError).code ?? 'INPUT';
    return {
      status: fastifyStatus,
      body: errorBody(fastifyStatus, (err as Error).message, fastifyCode, requestId),
    };
  }
  return { status: 500, body: errorBody(500, 'Internal Server Error', 'INTERNAL', requestId) };
}

/**
 * Installs the shared error and not-found handlers: zod failures become 400 with field paths,
 * Genoa errors map through the code table, fastify's own client errors keep their 4xx, and
 * everything else is a 500 whose message and stack never leave the process. Only 5xx log at error.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = describeError(err, request.id);
    if (status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ status, code: body.code, message: body.message }, 'request rejected');
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send(
        errorBody(
          404,
          `No route for ${request.method} ${request.url.split('?')[0]}`,
          'NOT_FOUND',
          request.id,
        ),
      );
  });
}
