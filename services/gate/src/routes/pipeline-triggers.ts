import { randomUUID } from 'node:crypto';
import { InputError, NotFoundError, PipelineSchema, type Pipeline } from '@genoa/shared';
import { parseParams } from '@genoa/shared/node';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ulid } from 'ulid';
import { z } from 'zod';
import { as, type GateContext } from '../context.js';
import { doc } from '../openapi.js';

const Params = z.object({ app: z.string().min(1).max(250), nameOrId: z.string().min(1).max(1000) });
const LegacyParams = z.object({ app: z.string().min(1).max(250), name: z.string().min(1).max(1000) });
const TriggerBody = z.looseObject({
  type: z.string().max(200).optional(),
  user: z.string().max(500).optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  artifacts: z.array(z.unknown()).optional(),
  notifications: z.array(z.unknown()).optional(),
});
const RefSchema = z.looseObject({ ref: z.string() });
const StartBody = PipelineSchema.and(z.object({ application: z.string().trim().min(1).max(250) }));

/** Fails with Spinnaker's message when a required parameter without default is missing. */
export function checkRequiredParameters(pipeline: Pipeline, parameters: Record<string, unknown>): void {
  const configs = ((pipeline as { parameterConfig?: unknown }).parameterConfig ?? []) as {
    name?: string;
    required?: boolean;
    default?: unknown;
  }[];
  for (const p of Array.isArray(configs) ? configs : []) {
    if (p?.required && p.name && (p.default === undefined || p.default === null || p.default === '')) {
      const value = parameters[p.name];
      if (value === undefined || value === null)
        throw new InputError(`Required parameter ${p.name} is missing`);
    }
  }
}

/** Triggering: `POST /pipelines/{app}/{nameOrId}` straight to orca, and `/pipelines/v2/…` through echo. */
export function pipelineTriggerRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { front50, orca, echo } = ctx.downstream;

  const resolve = async (
    request: FastifyRequest,
    application: string,
    nameOrId: string,
  ): Promise<Pipeline> => {
    const byName = await front50
      .get(`/pipelines/${encodeURIComponent(application)}/name/${encodeURIComponent(nameOrId)}`, {
        ...as(request),
        query: { refresh: 'true' },
        schema: PipelineSchema,
      })
      .catch((err: unknown) => (err instanceof NotFoundError ? undefined : Promise.reject(err)));
    if (byName && byName.name?.toLowerCase() === nameOrId.toLowerCase()) return byName;
    const byId = await front50
      .get(`/pipelines/${encodeURIComponent(nameOrId)}/get`, { ...as(request), schema: PipelineSchema })
      .catch((err: unknown) => (err instanceof NotFoundError ? undefined : Promise.reject(err)));
    if (byId && byId.id === nameOrId && byId.application?.toLowerCase() === application.toLowerCase())
      return byId;
    throw new NotFoundError('Pipeline configuration not found');
  };

  const direct = async (
    request: FastifyRequest,
    reply: FastifyReply,
    application: string,
    nameOrId: string,
  ) => {
    const trigger = TriggerBody.parse(request.body ?? {});
    await ctx.permissions.require(request.principal, application, 'EXECUTE');
    const pipeline = await resolve(request, application, nameOrId);
    const user = request.identity.user;
    const fullTrigger = { type: 'manual', ...trigger, user, notifications: trigger.notifications ?? [] };
    try {
      checkRequiredParameters(pipeline, fullTrigger.parameters ?? {});
    } catch (err) {
      throw new InputError(
        `Unable to trigger pipeline (application: ${application}, pipelineNameOrId: ${nameOrId}). Error: ${(err as Error).message}`,
      );
    }
    const notifications = [
      ...(((pipeline as { notifications?: unknown[] }).notifications ?? []) as unknown[]),
      ...fullTrigger.notifications,
    ];
    const ref = await orca.post('/orchestrate', {
      ...as(request),
      query: { user },
      body: { ...pipeline, notifications, trigger: fullTrigger },
      schema: RefSchema,
    });
    return reply.status(202).send(ref);
  };

  app.post(
    '/pipelines/:app/:nameOrId',
    doc({
      summary: 'Trigger a pipeline directly in orca',
      tags: ['executions'],
      params: Params,
      body: TriggerBody,
      response: RefSchema,
      status: 202,
    }),
    async (request, reply) => {
      const { app: application, nameOrId } = parseParams(Params, request);
      return direct(request, reply, application, nameOrId);
    },
  );
  app.post(
    '/applications/:app/pipelineConfigs/:name',
    doc({
      summary: 'Trigger a pipeline (deprecated path)',
      tags: ['executions'],
      params: LegacyParams,
      body: TriggerBody,
      response: RefSchema,
      status: 202,
    }),
    async (request, reply) => {
      const { app: application, name } = parseParams(LegacyParams, request);
      return direct(request, reply, application, name);
    },
  );

  // A complete pipeline JSON, run as given (no saved config): EXECUTE on its application.
  app.post(
    '/pipelines/start',
    doc({
      summary: 'Run a pipeline given in full',
      tags: ['executions'],
      body: StartBody,
      response: RefSchema,
    }),
    async (request) => {
      const pipeline = StartBody.parse(request.body ?? {});
      await ctx.permissions.require(request.principal, pipeline.application, 'EXECUTE');
      const user = request.identity.user;
      const trigger = { type: 'manual', ...((pipeline as { trigger?: object }).trigger ?? {}), user };
      return orca.post('/orchestrate', {
        ...as(request),
        query: { user },
        body: { ...pipeline, trigger },
        schema: RefSchema,
      });
    },
  );

  app.post(
    '/pipelines/v2/:app/:nameOrId',
    doc({
      summary: 'Trigger a pipeline through echo',
      tags: ['executions'],
      params: Params,
      body: TriggerBody,
      status: 202,
    }),
    async (request, reply) => {
      const { app: application, nameOrId } = parseParams(Params, request);
      const trigger = TriggerBody.parse(request.body ?? {});
      await ctx.permissions.require(request.principal, application, 'EXECUTE');
      const user = request.identity.user;
      const eventId = randomUUID();
      const executionId = ulid();
      const event = {
        content: {
          application,
          pipelineNameOrId: nameOrId,
          trigger: { type: 'manual', ...trigger, user, eventId, executionId },
          user,
        },
        details: { type: 'manual', source: 'gate', created: String(Date.now()) },
        eventId,
      };
      await echo.post('/', { ...as(request), body: event });
      return reply.status(202).send({ eventId, ref: `/pipelines/${executionId}` });
    },
  );
}
