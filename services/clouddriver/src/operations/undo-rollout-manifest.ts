import { z } from 'zod';
import { describeFailure } from '../deploy/deployer.js';
import { ownedReplicaSets, revisionOf, templateToRestore, undoTarget } from '../domain/rollout.js';
import { defineOperation } from './define-operation.js';
import { namesByNamespace, resolveTarget, targetFields } from './target.js';

/**
 * `undoRolloutManifest`: rolls a Deployment back `numRevisionsBack` revisions or to `revision`,
 * the way kubectl does it client-side: pick the ReplicaSet, then patch the Deployment's template.
 */
export const undoRolloutManifestOperation = defineOperation({
  name: 'undoRolloutManifest',
  phase: 'UNDO_ROLLOUT_KUBERNETES_MANIFEST',
  description: z
    .object({
      ...targetFields,
      revision: z.coerce.number().int().min(1).optional(),
      numRevisionsBack: z.coerce.number().int().min(1).optional(),
    })
    .loose(),
  async run(d, ctx) {
    const target = await resolveTarget(ctx.account, d, 'canUndoRollout');
    if (target.object.spec?.paused)
      throw new Error(`${d.manifestName} is paused; resume it before rolling back`);
    const owned = ownedReplicaSets(
      target.object,
      await ctx.account.client.list('ReplicaSet', target.namespace),
    );
    const rs = undoTarget(owned, {
      revision: d.revision,
      numRevisionsBack: d.revision === undefined ? (d.numRevisionsBack ?? 1) : undefined,
    });
    await ctx.progress(`Rolling ${d.manifestName} back to revision ${revisionOf(rs)} (${rs.metadata?.name})`);
    try {
      await ctx.account.client.patch(
        target.kind,
        target.namespace,
        target.name,
        [{ op: 'replace', path: '/spec/template', value: templateToRestore(rs) }],
        'json',
      );
    } catch (err) {
      throw describeFailure(`Rolling back ${d.manifestName}`, err);
    }
    return { manifestNamesByNamespace: namesByNamespace(target) };
  },
});
