import { z } from 'zod';
import { Annotation } from '../domain/annotations.js';
import { baseNameOf, versionOf, versionsBeyondHistory } from '../domain/versioning.js';
import { handlerFor } from '../kinds/index.js';
import { defineOperation } from './define-operation.js';
import { accountFields } from './target.js';

/**
 * `cleanupArtifacts`: for each deployed versioned manifest carrying
 * `strategy.spinnaker.io/max-version-history`, deletes the oldest versions beyond it (orca runs it
 * after deployManifest with `outputs.manifests`).
 */
export const cleanupArtifactsOperation = defineOperation({
  name: 'cleanupArtifacts',
  phase: 'CLEANUP_KUBERNETES_ARTIFACTS',
  description: z
    .object({ ...accountFields, manifests: z.array(z.record(z.string(), z.unknown())).default([]) })
    .loose(),
  async run(d, ctx) {
    const deleted: Record<string, string[]> = {};
    for (const raw of d.manifests) {
      const m = raw as {
        kind?: string;
        metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> };
      };
      const max = Number(m.metadata?.annotations?.[Annotation.MAX_VERSION_HISTORY]);
      if (!m.kind || !m.metadata?.name || !Number.isInteger(max) || max < 1) continue;
      if (versionOf(m) === undefined) continue;
      const handler = handlerFor(m.kind);
      const namespace = m.metadata.namespace;
      const existing = await ctx.account.client.list(handler.kind, namespace);
      for (const old of versionsBeyondHistory(existing, baseNameOf(m), max, [m.metadata.name])) {
        const label = `${handler.spinnakerKind} ${old.metadata!.name}`;
        await ctx.progress(`Deleting ${label} (beyond max-version-history ${max})`);
        await ctx.account.client.delete(handler.kind, namespace, old.metadata!.name!, {
          propagationPolicy: 'Background',
        });
        (deleted[namespace ?? ''] ??= []).push(label);
      }
    }
    return { manifestNamesByNamespace: deleted };
  },
});
