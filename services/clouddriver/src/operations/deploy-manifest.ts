import { ArtifactSchema, InputError } from '@genoa/shared';
import { z } from 'zod';
import { Annotation } from '../domain/annotations.js';
import { deployManifests } from '../deploy/deployer.js';
import { ManifestListSchema } from '../deploy/manifest-input.js';
import { defineOperation } from './define-operation.js';
import { accountFields } from './target.js';

/** A required artifact as orca sends it: the artifact itself, or `{expectedArtifactId, artifact}`. */
const RequiredArtifactSchema = z.union([
  z
    .object({ artifact: ArtifactSchema })
    .loose()
    .transform((v) => v.artifact),
  ArtifactSchema,
]);

/** The deployManifest description: orca sends the whole stage context (engine.md §5.9). */
export const DeployManifestDescriptionSchema = z
  .object({
    ...accountFields,
    manifests: ManifestListSchema.optional(),
    manifest: z.unknown().optional(),
    source: z.enum(['text', 'artifact']).optional(),
    moniker: z
      .object({
        app: z.string().min(1).optional(),
        cluster: z.string().optional(),
        stack: z.string().optional(),
        detail: z.string().optional(),
      })
      .loose()
      .optional(),
    application: z.string().optional(),
    namespaceOverride: z.string().optional(),
    requiredArtifacts: z.array(RequiredArtifactSchema).default([]),
    optionalArtifacts: z.array(ArtifactSchema).default([]),
    enableArtifactBinding: z.boolean().default(true),
    enableTraffic: z.boolean().default(true),
    services: z.array(z.string()).default([]),
    strategy: z.enum(['RED_BLACK', 'BLUE_GREEN', 'HIGHLANDER', 'NONE']).optional(),
    skipSpecTemplateLabels: z.boolean().default(false),
    versioned: z.boolean().optional(),
  })
  .loose()
  .transform((d, ctx) => {
    const manifests = d.manifests ?? (d.manifest ? ManifestListSchema.safeParse(d.manifest).data : undefined);
    if (!manifests) {
      ctx.addIssue({
        code: 'custom',
        path: ['manifests'],
        message:
          d.source === 'artifact'
            ? 'manifest artifacts must be resolved by orca and sent as manifests'
            : 'is required',
      });
      return z.NEVER;
    }
    return { ...d, manifests };
  });

/** `deployManifest`: versions, annotates and applies manifests; result `manifestNamesByNamespace`, artifacts, manifests. */
export const deployManifestOperation = defineOperation({
  name: 'deployManifest',
  phase: 'DEPLOY_KUBERNETES_MANIFEST',
  description: DeployManifestDescriptionSchema,
  async run(d, ctx) {
    const app =
      d.moniker?.app ??
      d.application ??
      d.manifests.map((m) => m.metadata?.annotations?.[Annotation.APPLICATION]).find(Boolean);
    if (!app)
      throw new InputError(
        'No application: set moniker.app (or the moniker.spinnaker.io/application annotation)',
      );
    return deployManifests(
      ctx.account,
      {
        manifests: d.manifests,
        moniker: { ...d.moniker, app },
        namespaceOverride: d.namespaceOverride,
        requiredArtifacts: d.requiredArtifacts,
        optionalArtifacts: d.optionalArtifacts,
        enableArtifactBinding: d.enableArtifactBinding,
        enableTraffic: d.enableTraffic,
        services: d.services,
        skipSpecTemplateLabels: d.skipSpecTemplateLabels,
        versioned: d.versioned,
      },
      ctx.progress,
    );
  },
});
