import { randomBytes } from 'node:crypto';
import { InputError } from '@genoa/shared';
import { z } from 'zod';
import { Annotation, strategyFlag } from '../domain/annotations.js';
import { deployManifests } from '../deploy/deployer.js';
import { ManifestListSchema } from '../deploy/manifest-input.js';
import { defineOperation } from './define-operation.js';
import { accountFields } from './target.js';

/** A 5-character lowercase suffix, as Spinnaker appends to job names. */
const suffix = () => [...randomBytes(5)].map((b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

/** `runJob`: creates one Job (name suffixed unless it uses generateName or the replace strategy). */
export const runJobOperation = defineOperation({
  name: 'runJob',
  phase: 'RUN_KUBERNETES_JOB',
  description: z
    .object({
      ...accountFields,
      manifest: ManifestListSchema.optional(),
      manifests: ManifestListSchema.optional(),
      application: z.string().optional(),
      moniker: z.object({ app: z.string().optional() }).loose().optional(),
      namespace: z.string().optional(),
    })
    .loose()
    .superRefine((d, ctx) => {
      const list = d.manifest ?? d.manifests;
      if (!list) ctx.addIssue({ code: 'custom', path: ['manifest'], message: 'is required' });
      else if (list.length !== 1 || list[0]!.kind !== 'Job')
        ctx.addIssue({
          code: 'custom',
          path: ['manifest'],
          message: 'runJob takes exactly one manifest of kind Job',
        });
    }),
  async run(d, ctx) {
    const job = (d.manifest ?? d.manifests)![0]!;
    const app = d.moniker?.app ?? d.application ?? job.metadata?.annotations?.[Annotation.APPLICATION];
    if (!app) throw new InputError('No application: set application (or moniker.app)');
    if (job.metadata?.name && !job.metadata.generateName && !strategyFlag(job, Annotation.REPLACE))
      job.metadata.name = `${job.metadata.name}-${suffix()}`;
    if (d.namespace && !job.metadata?.namespace) job.metadata!.namespace = d.namespace;
    return deployManifests(
      ctx.account,
      {
        manifests: [job],
        moniker: { app },
        requiredArtifacts: [],
        optionalArtifacts: [],
        enableArtifactBinding: false,
        enableTraffic: false,
        services: [],
        skipSpecTemplateLabels: false,
        versioned: false,
      },
      ctx.progress,
    );
  },
});
