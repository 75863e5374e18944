import { ArtifactSchema } from '@genoa/shared';
import { z } from 'zod';
import { bindImageArtifacts, createdArtifact } from '../domain/artifacts.js';
import type { KubeObject } from '../domain/kube-object.js';
import { redact } from '../deploy/apply.js';
import { describeFailure } from '../deploy/deployer.js';
import { defineOperation } from './define-operation.js';
import { namesByNamespace, resolveTarget, targetFields } from './target.js';

/** The patchManifest description: `patchBody` (a list for `json`), `options.mergeStrategy`. */
export const PatchManifestDescriptionSchema = z
  .object({
    ...targetFields,
    patchBody: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))]),
    options: z
      .object({
        mergeStrategy: z.enum(['strategic', 'merge', 'json']).default('strategic'),
        record: z.boolean().default(true),
      })
      .loose()
      .default({ mergeStrategy: 'strategic', record: true }),
    requiredArtifacts: z
      .array(
        z.union([
          z
            .object({ artifact: ArtifactSchema })
            .loose()
            .transform((v) => v.artifact),
          ArtifactSchema,
        ]),
      )
      .default([]),
    allArtifacts: z.array(ArtifactSchema).default([]),
  })
  .loose()
  .refine((d) => (d.options.mergeStrategy === 'json') === Array.isArray(d.patchBody), {
    message: 'a json patch body is a list of operations; strategic and merge patch bodies are objects',
    path: ['patchBody'],
  });

/** `patchManifest`: a strategic, merge or JSON patch of one live manifest, with image artifact binding. */
export const patchManifestOperation = defineOperation({
  name: 'patchManifest',
  phase: 'PATCH_KUBERNETES_MANIFEST',
  description: PatchManifestDescriptionSchema,
  async run(d, ctx) {
    const target = await resolveTarget(ctx.account, d);
    const body = JSON.parse(JSON.stringify(d.patchBody)) as KubeObject;
    const bound = Array.isArray(body)
      ? []
      : bindImageArtifacts(body, [...d.requiredArtifacts, ...d.allArtifacts]);
    await ctx.progress(`Patching ${d.manifestName} (${d.options.mergeStrategy})`);
    let patched: KubeObject;
    try {
      patched = await ctx.account.client.patch(
        target.kind,
        target.namespace,
        target.name,
        body,
        d.options.mergeStrategy,
      );
    } catch (err) {
      throw describeFailure(`Patching ${d.manifestName}`, err);
    }
    return {
      manifestNamesByNamespace: namesByNamespace(target),
      manifests: [redact(patched)],
      boundArtifacts: bound,
      createdArtifacts: [
        createdArtifact(patched, target.handler.spinnakerKind, target.name, undefined, ctx.account.name),
      ],
    };
  },
});
