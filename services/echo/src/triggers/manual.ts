import { z } from 'zod';
import { JsonMapSchema, type JsonMap, type Pipeline } from '@genoa/shared';
import { defineTrigger } from '../domain/trigger-definition.js';
import { artifactsOf, eventShape } from './common.js';

/**
 * `manual` starts from gate's `POST /pipelines/v2/{app}/{pipelineNameOrId}` (edge.md §1.4.2, §4.5):
 * the pipeline of `application` whose name or id is `pipelineNameOrId`, re-read from Front50; the
 * trigger is `content.trigger` (user, parameters, artifacts, notifications, `executionId` which the
 * execution takes). A re-run of a Jenkins-triggered execution gets `buildInfo`/`properties` again.
 */
export const manualTrigger = defineTrigger({
  type: 'manual',
  handles: (eventType) => eventType.toLowerCase() === 'manual',
  eventSchema: z.looseObject({
    ...eventShape,
    content: z.looseObject({
      application: z.string(),
      pipelineNameOrId: z.string(),
      trigger: JsonMapSchema.default({}),
      user: z.string().nullish(),
    }),
  }),
  triggerSchema: z.looseObject({ type: z.string() }),
  candidates: (event, pipelines: readonly Pipeline[]) =>
    pipelines
      .filter(
        (p) =>
          p.application === event.content.application &&
          (p.name === event.content.pipelineNameOrId || p.id === event.content.pipelineNameOrId),
      )
      .slice(0, 1)
      .map((pipeline) => ({ pipeline, trigger: { type: 'manual' } })),
  rereadPipeline: true,
  isValid: () => true,
  matches: () => true,
  resolve: async (event, _trigger, ctx, pipeline) => {
    const given = event.content.trigger;
    const trigger: JsonMap = {
      ...given,
      type: typeof given.type === 'string' ? given.type : 'manual',
      user: given.user ?? event.content.user ?? 'anonymous',
      eventId: given.eventId ?? event.eventId,
    };
    const { master, job, buildNumber, propertyFile } = trigger;
    if (typeof master === 'string' && typeof job === 'string' && typeof buildNumber === 'number') {
      trigger.buildInfo = await ctx.igor.buildInfo(master, job, buildNumber);
      if (typeof propertyFile === 'string' && propertyFile)
        trigger.properties = await ctx.igor.properties(master, job, buildNumber, propertyFile);
    }
    const notifications = [
      ...(pipeline.notifications ?? []),
      ...(Array.isArray(given.notifications) ? given.notifications : []),
    ];
    return {
      trigger,
      artifacts: artifactsOf(given),
      pipelineOverrides: {
        notifications,
        ...(typeof given.executionId === 'string' ? { executionId: given.executionId } : {}),
      },
    };
  },
});
