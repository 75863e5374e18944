import { setTraffic, TrafficDescriptionSchema } from '../deploy/traffic.js';
import { defineOperation } from './define-operation.js';

/** `enableManifest`: sends a server group traffic again by adding its Services' selector labels. */
export const enableManifestOperation = defineOperation({
  name: 'enableManifest',
  phase: 'ENABLE_KUBERNETES_MANIFEST',
  description: TrafficDescriptionSchema,
  run: (d, ctx) => setTraffic(d, ctx, true),
});
