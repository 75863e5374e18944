import { z } from 'zod';
import { describeFailure } from '../deploy/deployer.js';
import { defineOperation } from './define-operation.js';
import { namesByNamespace, resolveTarget, targetFields } from './target.js';

/** Builds the operation that sets `spec.paused` on a Deployment (pause and resume differ only in that). */
export function defineSetRolloutPaused(paused: boolean) {
  const verb = paused ? 'Pausing' : 'Resuming';
  return defineOperation({
    name: paused ? 'pauseRolloutManifest' : 'resumeRolloutManifest',
    phase: paused ? 'PAUSE_ROLLOUT_KUBERNETES_MANIFEST' : 'RESUME_ROLLOUT_KUBERNETES_MANIFEST',
    description: z.object(targetFields).loose(),
    async run(d, ctx) {
      const target = await resolveTarget(ctx.account, d, paused ? 'canPauseRollout' : 'canResumeRollout');
      await ctx.progress(`${verb} rollout of ${d.manifestName}`);
      try {
        await ctx.account.client.patch(
          target.kind,
          target.namespace,
          target.name,
          { spec: { paused } },
          'merge',
        );
      } catch (err) {
        throw describeFailure(`${verb} rollout of ${d.manifestName}`, err);
      }
      return { manifestNamesByNamespace: namesByNamespace(target) };
    },
  });
}
