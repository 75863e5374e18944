import { z } from 'zod';
import { describeFailure } from '../deploy/deployer.js';
import { defineOperation } from './define-operation.js';
import { namesByNamespace, resolveTarget, targetFields } from './target.js';

/** `scaleManifest`: sets `spec.replicas` of a Deployment, ReplicaSet or StatefulSet. */
export const scaleManifestOperation = defineOperation({
  name: 'scaleManifest',
  phase: 'SCALE_KUBERNETES_MANIFEST',
  description: z.object({ ...targetFields, replicas: z.coerce.number().int().min(0) }).loose(),
  async run(d, ctx) {
    const target = await resolveTarget(ctx.account, d, 'canScale');
    await ctx.progress(`Scaling ${d.manifestName} to ${d.replicas} replicas`);
    try {
      await ctx.account.client.patch(
        target.kind,
        target.namespace,
        target.name,
        { spec: { replicas: d.replicas } },
        'merge',
      );
    } catch (err) {
      throw describeFailure(`Scaling ${d.manifestName}`, err);
    }
    return { manifestNamesByNamespace: namesByNamespace(target) };
  },
});
