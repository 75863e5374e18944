import { z } from 'zod';
import { JsonMapSchema, open, opt } from './json.js';

/** A kork Artifact: a reference to something a pipeline consumes or produces (image, file, manifest…). */
export const ArtifactSchema = open({
  type: opt(z.string()),
  customKind: opt(z.boolean()),
  name: opt(z.string()),
  version: opt(z.string()),
  location: opt(z.string()),
  reference: opt(z.string()),
  metadata: opt(JsonMapSchema),
  artifactAccount: opt(z.string()),
  provenance: opt(z.string()),
  uuid: opt(z.string()),
});
/** See {@link ArtifactSchema}. */
export type Artifact = z.infer<typeof ArtifactSchema>;

/** An artifact a pipeline or stage expects; `matchArtifact` fields are regular expressions. */
export const ExpectedArtifactSchema = open({
  id: opt(z.string()),
  displayName: opt(z.string()),
  matchArtifact: opt(ArtifactSchema),
  defaultArtifact: opt(ArtifactSchema),
  useDefaultArtifact: opt(z.boolean()),
  usePriorArtifact: opt(z.boolean()),
  usePriorExecution: opt(z.boolean()),
  boundArtifact: opt(ArtifactSchema),
});
/** See {@link ExpectedArtifactSchema}. */
export type ExpectedArtifact = z.infer<typeof ExpectedArtifactSchema>;
