import { setTraffic, TrafficDescriptionSchema } from '../deploy/traffic.js';
import { defineOperation } from './define-operation.js';

/** `disableManifest`: takes a server group out of its Services by removing their selector labels. */
export const disableManifestOperation = defineOperation({
  name: 'disableManifest',
  phase: 'DISABLE_KUBERNETES_MANIFEST',
  description: TrafficDescriptionSchema,
  run: (d, ctx) => setTraffic(d, ctx, false),
});
