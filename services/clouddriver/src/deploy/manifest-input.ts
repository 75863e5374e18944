import { z } from 'zod';
import type { KubeObject } from '../domain/kube-object.js';

/** One Kubernetes manifest in a request: an object with apiVersion, kind and a name (or generateName). */
export const ManifestSchema = z
  .object({
    apiVersion: z.string().min(1, 'is required'),
    kind: z.string().min(1, 'is required'),
    metadata: z
      .object({
        name: z.string().min(1).optional(),
        generateName: z.string().min(1).optional(),
        namespace: z.string().min(1).optional(),
      })
      .loose()
      .refine((m) => m.name || m.generateName, {
        message: 'metadata.name (or generateName) is required',
        path: ['name'],
      }),
  })
  .loose();

/**
 * Flattens what orca sends as `manifests`: nested lists (from SpEL), and `kind: List` objects,
 * into single manifests.
 */
export function flattenManifests(input: unknown): unknown[] {
  if (Array.isArray(input)) return input.flatMap(flattenManifests);
  if (input && typeof input === 'object' && (input as { kind?: unknown }).kind === 'List')
    return flattenManifests((input as { items?: unknown }).items ?? []);
  return input === null || input === undefined ? [] : [input];
}

/** `manifests` after flattening, each checked with {@link ManifestSchema} (field paths point into the flat list). */
export const ManifestListSchema = z
  .unknown()
  .transform((v) => flattenManifests(v))
  .pipe(z.array(ManifestSchema).min(1, 'at least one manifest is required'))
  .transform((list) => list as KubeObject[]);
