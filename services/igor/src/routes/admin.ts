import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError } from '@genoa/shared';
import type { Poller } from '../monitors/poller.js';

/**
 * Operator routes on the pollers, for every partition or `?partition=`:
 * `POST /admin/pollers/fastforward/{monitorName}` moves cursors without sending events (Spinnaker's);
 * `POST /admin/pollers/poll/{monitorName}` runs one full cycle now, sending events, as a scheduled
 * tick would (Genoa's: "poll now", and what the polling benchmark times).
 */
export function registerAdminRoutes(app: FastifyInstance, poller: Poller): void {
  const run = (sendEvents: boolean) => async (request: FastifyRequest) => {
    const { monitorName } = request.params as { monitorName: string };
    const { partition } = request.query as { partition?: string };
    const monitor = poller.monitor(monitorName);
    if (!monitor) throw new NotFoundError(`no poller named ${monitorName}`);
    const known = await monitor.partitions();
    const partitions = partition ? [partition] : known;
    if (partition && !known.includes(partition)) throw new NotFoundError(`no partition ${partition}`);
    return Promise.all(partitions.map((p) => poller.pollPartition(monitor, p, sendEvents)));
  };
  app.post('/admin/pollers/fastforward/:monitorName', run(false));
  app.post('/admin/pollers/poll/:monitorName', run(true));
}
