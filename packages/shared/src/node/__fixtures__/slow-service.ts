// A minimal service built with the kit, for the graceful-shutdown test: GET /slow answers after
// SLOW_MS, so a request can be in flight when SIGTERM arrives.
import { z } from 'zod';
import { commonConfigShape, intVar, portVar } from '../config.js';
import { createServiceApp } from '../http/create-service-app.js';
import { runService } from '../run-service.js';

const configSchema = z.object({ ...commonConfigShape, PORT: portVar(0), SLOW_MS: intVar(1500, 0, 60_000) });

await runService({
  service: 'slow',
  version: '0.0.0',
  configSchema,
  env: process.env,
  async build({ config, logger, shutdown }) {
    const { app } = createServiceApp({
      service: 'slow',
      version: '0.0.0',
      logger,
      isShuttingDown: () => shutdown.shuttingDown,
    });
    app.get('/slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, config.SLOW_MS));
      return { done: true };
    });
    return app;
  },
});
