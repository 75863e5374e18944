import { z } from 'zod';
import { describeFailure } from '../deploy/deployer.js';
import { defineOperation } from './define-operation.js';
import { namesByNamespace, resolveTarget, targetFields } from './target.js';

/** `pauseRolloutManifest`: sets `spec.paused: true` on a Deployment. */
export const pauseRolloutManifestOperation = defineOperation({
  name: 'pauseRolloutManifest',
  phase: 'PAUSE_ROLLOUT_KUBERNETES_MANIFEST',
  description: z.object(targetFields).loose(),
  async run(d, ctx) {
    const target = await resolveTarget(ctx.account, d, 'canPauseRollout');
    await ctx.progress(`Pausing rollout of ${d.manifestName}`);
    try {
      await ctx.account.client.patch(
        target.kind,
        target.namespace,
        target.name,
        { spec: { paused: true } },
        'merge',
      );
    } catch (err) {
      throw describeFailure(`Pausing rollout of ${d.manifestName}`, err);
    }
    return { manifestNamesByNamespace: namesByNamespace(target) };
  },
});
