import { z } from 'zod';
import { open, opt } from './json.js';

/** Spinnaker's Moniker: how a resource names its application, cluster, stack, detail and sequence. */
export const MonikerSchema = open({
  app: opt(z.string()),
  cluster: opt(z.string()),
  stack: opt(z.string()),
  detail: opt(z.string()),
  sequence: opt(z.number().int()),
});
/** See {@link MonikerSchema}. */
export type Moniker = z.infer<typeof MonikerSchema>;
