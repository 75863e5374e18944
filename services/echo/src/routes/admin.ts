import type { FastifyInstance } from 'fastify';
import { InputError } from '@genoa/shared';
import type { PipelineCache } from '../adapters/pipeline-cache.js';
import { CronExpressionError, nextFireTime, parseQuartz } from '../domain/quartz-cron.js';

/**
 * `POST /pipelineCache/refresh` (Genoa: re-read Front50 now; answers the pipeline count) and
 * `GET /validateCronExpression?cronExpression=` (Spinnaker's shape; the description lists the
 * next fire times instead of cron-descriptor prose).
 */
export function registerAdminRoutes(app: FastifyInstance, cache: PipelineCache, timeZone: string): void {
  app.post('/pipelineCache/refresh', async () => ({
    pipelines: await cache.refresh(),
    loadedAt: cache.loadedAt,
  }));
  app.get('/validateCronExpression', async (request) => {
    const { cronExpression } = request.query as { cronExpression?: string };
    if (!cronExpression)
      throw new InputError('cronExpression is required', [{ path: 'cronExpression', message: 'required' }]);
    try {
      const cron = parseQuartz(cronExpression);
      if (/H/.test(cronExpression))
        return {
          response: 'Cron expression is valid',
          description: 'No description available for fuzzy cron expressions',
        };
      const times: string[] = [];
      let t: number | undefined = Date.now();
      for (let i = 0; i < 3 && t !== undefined; i += 1) {
        t = nextFireTime(cron, t, timeZone);
        if (t !== undefined) times.push(new Date(t).toISOString());
      }
      return {
        response: 'Cron expression is valid',
        description: `Next fires (${timeZone}): ${times.join(', ') || 'never'}`,
      };
    } catch (err) {
      if (err instanceof CronExpressionError)
        throw new InputError(`Cron expression is invalid: ${err.message}`, [
          { path: 'cronExpression', message: err.message },
        ]);
      throw err;
    }
  });
}
