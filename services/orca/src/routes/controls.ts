import { EvaluateExpressionBodySchema, InputError, StagePatchSchema } from '@genoa/shared';
import { parseBody, parseParams } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Engine } from '../engine/create-engine.js';

const IdParams = z.object({ id: z.string().min(1) });
const StageParams = z.object({ id: z.string().min(1), stageId: z.string().min(1) });
const CancelQuery = z.object({ reason: z.string().optional(), force: z.string().optional() });

/** Changing executions: cancel, pause, resume, stage PATCH, restart, delete, evaluate expressions. */
export function controlRoutes(app: FastifyInstance, engine: Engine): void {
  const { commands } = engine;
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  const cancel = async (
    request: { params: unknown; query: unknown; identity: { user: string } },
    reply: { code(n: number): unknown },
  ) => {
    const { id } = parseParams(IdParams, request as never);
    const { reason } = CancelQuery.parse(request.query);
    await commands.cancel(id, request.identity.user, reason);
    reply.code(202);
    return '';
  };
  app.put('/pipelines/:id/cancel', cancel);
  app.put('/tasks/:id/cancel', cancel);

  app.put('/pipelines/:id/pause', async (request, reply) => {
    await commands.pause(parseParams(IdParams, request as never).id, request.identity.user);
    return reply.code(202).send();
  });
  app.put('/pipelines/:id/resume', async (request, reply) => {
    await commands.resume(parseParams(IdParams, request as never).id, request.identity.user);
    return reply.code(202).send();
  });

  app.patch('/pipelines/:id/stages/:stageId', async (request) => {
    const { id, stageId } = parseParams(StageParams, request as never);
    const body = parseBody(StagePatchSchema, request) as Record<string, unknown>;
    // roles ride on the signed identity when gate forwards them (judgment roles)
    const { roles } = request.identity as { roles?: string[] };
    return commands.updateStage(id, stageId, body, request.identity.user, request.identity.accounts, roles);
  });

  app.put('/pipelines/:id/stages/:stageId/restart', async (request) => {
    const { id, stageId } = parseParams(StageParams, request as never);
    return commands.restartStage(id, stageId, request.identity.user);
  });

  const remove = async (request: { params: unknown }) => {
    await commands.delete(parseParams(IdParams, request as never).id);
    return '';
  };
  app.delete('/pipelines/:id', remove);
  app.delete('/tasks/:id', remove);

  app.post('/pipelines/:id/evaluateExpression', async (request) => {
    const { id } = parseParams(IdParams, request as never);
    const expression =
      typeof request.body === 'string'
        ? request.body
        : parseBody(EvaluateExpressionBodySchema, request).expression;
    if (expression.trim() === '')
      throw new InputError('expression is empty', [{ path: 'expression', message: 'required' }]);
    return commands.evaluate(id, expression);
  });
  app.get('/pipelines/:id/evaluateExpression', async (request) => {
    const { id } = parseParams(IdParams, request as never);
    const { expression } = z.object({ expression: z.string().min(1) }).parse(request.query);
    return commands.evaluate(id, expression);
  });
}
