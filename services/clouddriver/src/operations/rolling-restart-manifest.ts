import { z } from 'zod';
import { describeFailure } from '../deploy/deployer.js';
import { defineOperation } from './define-operation.js';
import { namesByNamespace, resolveTarget, targetFields } from './target.js';

/** `rollingRestartManifest`: stamps `kubectl.kubernetes.io/restartedAt` on the pod template (kubectl rollout restart). */
export const rollingRestartManifestOperation = defineOperation({
  name: 'rollingRestartManifest',
  phase: 'ROLLING_RESTART_KUBERNETES_MANIFEST',
  description: z.object(targetFields).loose(),
  async run(d, ctx) {
    const target = await resolveTarget(ctx.account, d, 'canRollingRestart');
    const restartedAt = new Date().toISOString();
    await ctx.progress(`Restarting ${d.manifestName}`);
    try {
      await ctx.account.client.patch(
        target.kind,
        target.namespace,
        target.name,
        {
          spec: {
            template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } },
          },
        },
        'strategic',
      );
    } catch (err) {
      throw describeFailure(`Restarting ${d.manifestName}`, err);
    }
    return { manifestNamesByNamespace: namesByNamespace(target) };
  },
});
