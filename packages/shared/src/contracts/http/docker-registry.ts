import { z } from 'zod';
import { ArtifactSchema } from '../../model/artifact.js';
import { open, opt } from '../../model/json.js';
import type { EchoEvent } from '../queues/echo.js';

/** clouddriver's Docker Registry paths (Spinnaker's `DockerRegistryImageLookupController`). */
export const DockerRegistryPaths = {
  /** `?account=&q=&registry=&repository=&tag=&count=&includeDetails=` → {@link TaggedImage}[] */
  findImages: '/dockerRegistry/images/find',
  /** `?account=&repository=` → tag names */
  tags: '/dockerRegistry/images/tags',
} as const;

/** The cloud provider / account type of Docker Registry accounts in `/credentials`. */
export const DOCKER_REGISTRY_PROVIDER = 'dockerRegistry';

/** One tagged image as `/dockerRegistry/images/find` returns it (`artifact.type` is Spinnaker's `docker`). */
export const TaggedImageSchema = open({
  account: z.string(),
  registry: z.string(),
  repository: z.string(),
  tag: z.string(),
  /** The manifest digest (`sha256:…`); absent when the account does not track digests. */
  digest: opt(z.string()),
  artifact: opt(ArtifactSchema),
});
/** See {@link TaggedImageSchema}. */
export type TaggedImage = z.infer<typeof TaggedImageSchema>;

/** A `/credentials` entry as igor reads it to find Docker Registry accounts. */
export const CredentialsEntrySchema = open({
  name: z.string(),
  type: opt(z.string()),
  cloudProvider: opt(z.string()),
  registry: opt(z.string()),
});
/** See {@link CredentialsEntrySchema}. */
export type CredentialsEntry = z.infer<typeof CredentialsEntrySchema>;

/** echo's event type for image pushes (igor's DockerEvent; echo matches it case-insensitively). */
export const DOCKER_EVENT_TYPE = 'docker';

/** The `content` of a docker event (igor's `DockerEvent.Content`): which image tag now points where. */
export const DockerEventContentSchema = open({
  account: z.string().min(1),
  registry: z.string().min(1),
  repository: z.string().min(1),
  tag: z.string().min(1),
  digest: opt(z.string()),
});
/** See {@link DockerEventContentSchema}. */
export type DockerEventContent = z.infer<typeof DockerEventContentSchema>;

/**
 * The event id of an image push: a UUID-shaped SHA-256 of account, repository, tag and digest. The
 * poller (igor) and the push intake (gate) name the same push identically, so echo's queue and its
 * eventId dedupe start one pipeline whichever arrives first, and a replayed notification none.
 */
export async function dockerEventId(content: DockerEventContent): Promise<string> {
  const key = ['docker', content.account, content.repository, content.tag, content.digest ?? ''].join(
    '\u0000',
  );
  const bytes = new Uint8Array(
    await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)),
  );
  const hex = [...bytes.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** The echo event for an image push (`details.type: docker`), with its deterministic {@link dockerEventId}. */
export async function dockerEvent(
  content: DockerEventContent,
  source: string,
  now = Date.now(),
): Promise<EchoEvent> {
  return {
    details: { type: DOCKER_EVENT_TYPE, source, created: String(now) },
    content: { ...content },
    eventId: await dockerEventId(content),
  };
}
