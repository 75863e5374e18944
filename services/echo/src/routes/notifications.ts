import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseBody } from '@genoa/shared/node';
import type { NotificationDispatcher } from '../adapters/notification-queue.js';
import type { NotificationRequest } from '../domain/notification-selection.js';

/** Spinnaker's direct notification body (echo's `Notification`, edge.md §4.6). */
export const DirectNotificationSchema = z.looseObject({
  notificationType: z.string().min(1),
  to: z.array(z.string().min(1)).min(1),
  cc: z.array(z.string()).nullish(),
  templateGroup: z.string().nullish(),
  severity: z.enum(['NORMAL', 'HIGH']).nullish(),
  source: z
    .looseObject({
      executionType: z.string().nullish(),
      executionId: z.string().nullish(),
      application: z.string().nullish(),
      user: z.string().nullish(),
    })
    .nullish(),
  additionalContext: z.record(z.string(), z.unknown()).nullish(),
});

/**
 * `POST /notifications`: a direct notification (what Spinnaker's orca sends for manual judgment,
 * `templateGroup: manualJudgment…`). One delivery per recipient for chat channels, one mail for all
 * email recipients, through the same retrying queue as event-driven notifications.
 */
export function registerNotificationRoutes(app: FastifyInstance, dispatcher: NotificationDispatcher): void {
  app.post('/notifications', async (request) => {
    const body = parseBody(DirectNotificationSchema, request);
    const type = body.notificationType.toLowerCase();
    const context = body.additionalContext ?? {};
    const text = [context.message, context.instructions, context.body].find((v) => typeof v === 'string') as
      string | undefined;
    const base: Omit<NotificationRequest, 'notification'> = {
      when: body.templateGroup ?? 'notification',
      level: 'stage',
      application: body.source?.application ?? '',
      executionType: body.source?.executionType === 'orchestration' ? 'orchestration' : 'pipeline',
      executionId: body.source?.executionId ?? '',
      executionName: typeof context.pipelineName === 'string' ? context.pipelineName : '',
      status: body.templateGroup ?? 'notification',
      stageName: typeof context.stageName === 'string' ? context.stageName : undefined,
      user: body.source?.user ?? undefined,
      ...(text ? { customText: text } : {}),
    };
    const groups = type === 'email' ? [body.to.join(',')] : body.to;
    const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 24);
    await Promise.all(
      groups.map((address, i) =>
        dispatcher.enqueue(
          { ...base, notification: { type, address, cc: body.cc?.join(',') } },
          `direct-${digest}-${i}-${Date.now()}`,
        ),
      ),
    );
    return { queued: groups.length };
  });
}
