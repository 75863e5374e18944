import { InputError } from '@genoa/shared';
import { parseBody, parseParams } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Repositories } from '../domain/storage.js';
import type { JsonObject } from '../object-types.js';
import { items, JsonObjectSchema, userOf } from './helpers.js';

/** The notification channels Front50 knows; a global entry's lists are appended to every application's. */
export const notificationTypes = [
  'bearychat',
  'email',
  'googlechat',
  'hipchat',
  'microsoftteams',
  'pubsub',
  'slack',
  'sms',
] as const;

const GLOBAL = '__GLOBAL';
const LevelParams = z.object({ type: z.enum(['application', 'global']), name: z.string().trim().min(1) });

/** An application's notifications with every global list appended (NotificationController). */
export function mergeGlobal(own: JsonObject, global: JsonObject | undefined): JsonObject {
  const out: JsonObject = { ...own };
  for (const type of notificationTypes) {
    const extra = global?.[type];
    if (Array.isArray(extra))
      out[type] = [...(Array.isArray(out[type]) ? (out[type] as unknown[]) : []), ...extra];
  }
  return out;
}

/** Front50's `/notifications` resource. */
export function registerNotificationRoutes(app: FastifyInstance, repos: Repositories): void {
  const repo = repos.notification;
  const idFor = (type: 'application' | 'global', name: string) => (type === 'global' ? GLOBAL : name);

  app.get('/notifications', async () => items(await repo.all()));

  app.get('/notifications/global', async () => (await repo.find(GLOBAL))?.item ?? {});

  app.post('/notifications/global', async (request) => {
    const { application: _ignored, ...body } = parseBody(JsonObjectSchema, request);
    return repo.put(body, { user: userOf(request) });
  });

  app.get('/notifications/:type/:name', async (request) => {
    const { type, name } = parseParams(LevelParams, request);
    const own = (await repo.find(idFor(type, name)))?.item ?? {};
    return type === 'global' ? own : mergeGlobal(own, (await repo.find(GLOBAL))?.item);
  });

  app.post('/notifications/:type/:name', async (request) => {
    const { type, name } = parseParams(LevelParams, request);
    const body = parseBody(JsonObjectSchema, request);
    if (type === 'global') {
      const { application: _ignored, ...rest } = body;
      return repo.put(rest, { user: userOf(request) });
    }
    if (typeof body.application === 'string' && body.application.toLowerCase() !== name.toLowerCase()) {
      throw new InputError(`Notification application ${body.application} does not match ${name}`);
    }
    return repo.put({ ...body, application: name }, { user: userOf(request) });
  });

  app.delete('/notifications/:type/:name', async (request, reply) => {
    const { type, name } = parseParams(LevelParams, request);
    await repo.remove(idFor(type, name));
    return reply.status(200).send();
  });
}
