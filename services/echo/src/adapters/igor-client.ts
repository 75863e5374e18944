import { IgorPaths, type JsonMap } from '@genoa/shared';
import type { ServiceClient } from '@genoa/shared/node';
import { z } from 'zod';
import type { TriggerContext } from '../domain/trigger-definition.js';

const MapSchema = z.record(z.string(), z.unknown());

/** igor calls echo makes for Jenkins triggers: build info and property files (edge.md §4.4). */
export function igorPort(igor: ServiceClient): TriggerContext['igor'] {
  return {
    buildInfo: (master, job, n): Promise<JsonMap> =>
      igor.get(IgorPaths.buildStatus(n, master, job), { schema: MapSchema }),
    properties: (master, job, n, file): Promise<JsonMap> =>
      igor.get(IgorPaths.buildProperties(n, file, master, job), { schema: MapSchema }),
  };
}
