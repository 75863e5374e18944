import { z } from 'zod';
import { gateGet } from './gate-client.js';

/** Build masters (Jenkins) known to igor, through gate (`GET /v2/builds`): names. */
export const getBuildMasters = (signal?: AbortSignal): Promise<string[]> =>
  gateGet('/v2/builds', z.array(z.string()), { signal });

/** A master's jobs (`GET /v3/builds/{master}/jobs`; folder jobs contain `/`). */
export const getBuildJobs = (master: string, signal?: AbortSignal): Promise<string[]> =>
  gateGet(`/v3/builds/${encodeURIComponent(master)}/jobs`, z.array(z.string()), { signal });
