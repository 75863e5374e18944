import { z } from 'zod';
import { describeFailure } from '../deploy/deployer.js';
import { defineOperation } from './define-operation.js';
import { namesByNamespace, resolveTarget, targetFields } from './target.js';

/** `resumeRolloutManifest`: sets `spec.paused: false` on a Deployment. */
export const resumeRolloutManifestOperation = defineOperation({
  name: 'resumeRolloutManifest',
  phase: 'RESUME_ROLLOUT_KUBERNETES_MANIFEST',
  description: z.object(targetFields).loose(),
  async run(d, ctx) {
    const target = await resolveTarget(ctx.account, d, 'canResumeRollout');
    await ctx.progress(`Resuming rollout of ${d.manifestName}`);
    try {
      await ctx.account.client.patch(
        target.kind,
        target.namespace,
        target.name,
        { spec: { paused: false } },
        'merge',
      );
    } catch (err) {
      throw describeFailure(`Resuming rollout of ${d.manifestName}`, err);
    }
    return { manifestNamesByNamespace: namesByNamespace(target) };
  },
});
