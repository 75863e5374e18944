import { z } from 'zod';
import { BuildEventContentSchema } from '@genoa/shared';
import { satisfiesConstraints } from '../domain/payload-constraints.js';
import { defineTrigger } from '../domain/trigger-definition.js';
import { eventShape } from './common.js';

/**
 * `jenkins` triggers on igor's build events (`details.type: build`). Only completed SUCCESS builds
 * fire; `job` and `master` must equal the event's; `payloadConstraints` are checked against the
 * build's `propertyFile` (fetched from igor). The trigger gets `buildNumber`, `link`, `buildInfo`,
 * `properties` and `eventId`.
 */
export const jenkinsTrigger = defineTrigger({
  type: 'jenkins',
  handles: (eventType) => eventType.toLowerCase() === 'build',
  eventSchema: z.looseObject({ ...eventShape, content: BuildEventContentSchema }),
  triggerSchema: z.looseObject({
    type: z.string(),
    master: z.string().nullish(),
    job: z.string().nullish(),
    propertyFile: z.string().nullish(),
    payloadConstraints: z.record(z.string(), z.unknown()).nullish(),
  }),
  isSuccessful: (event) => {
    const build = event.content.project.lastBuild;
    return !!build && build.building === false && build.result === 'SUCCESS';
  },
  isValid: (trigger) => !!trigger.master && !!trigger.job,
  matches: async (event, trigger, ctx) => {
    if (trigger.job !== event.content.project.name || trigger.master !== event.content.master) return false;
    if (!trigger.payloadConstraints || Object.keys(trigger.payloadConstraints).length === 0) return true;
    if (!trigger.propertyFile) return false;
    const build = event.content.project.lastBuild!;
    const properties = await ctx.igor.properties(
      trigger.master,
      trigger.job,
      build.number,
      trigger.propertyFile,
    );
    return satisfiesConstraints(properties, trigger.payloadConstraints, { jsonPath: false });
  },
  resolve: async (event, trigger, ctx) => {
    const build = event.content.project.lastBuild!;
    const [buildInfo, properties] = await Promise.all([
      ctx.igor.buildInfo(trigger.master!, trigger.job!, build.number),
      trigger.propertyFile
        ? ctx.igor.properties(trigger.master!, trigger.job!, build.number, trigger.propertyFile)
        : undefined,
    ]);
    return {
      trigger: {
        ...trigger,
        buildNumber: build.number,
        link: build.url,
        eventId: event.eventId,
        buildInfo,
        ...(properties ? { properties } : {}),
      },
      artifacts: [],
    };
  },
});
