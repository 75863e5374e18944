import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '@genoa/shared';
import type { Poller } from '../monitors/poller.js';

/** `POST /admin/pollers/fastforward/{monitorName}[?partition=]`: moves cursors without sending events. */
export function registerAdminRoutes(app: FastifyInstance, poller: Poller): void {
  app.post('/admin/pollers/fastforward/:monitorName', async (request) => {
    const { monitorName } = request.params as { monitorName: string };
    const { partition } = request.query as { partition?: string };
    const monitor = poller.monitor(monitorName);
    if (!monitor) throw new NotFoundError(`no poller named ${monitorName}`);
    const known = await monitor.partitions();
    const partitions = partition ? [partition] : known;
    if (partition && !known.includes(partition)) throw new NotFoundError(`no partition ${partition}`);
    return Promise.all(partitions.map((p) => poller.pollPartition(monitor, p, false)));
  });
}
