import {
  dockerEvent,
  DockerEventContentSchema,
  InputError,
  type DockerEventContent,
  type EchoEvent,
} from '@genoa/shared';
import { z } from 'zod';

/** Manifest media types: a push of one of these is an image push (blob pushes are notified too). */
const MANIFEST_MEDIA_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
]);

/** The distribution registry's notification envelope (`application/vnd.docker.distribution.events.v1+json`). */
const DistributionEnvelopeSchema = z.object({
  events: z.array(
    z.looseObject({
      action: z.string(),
      target: z
        .looseObject({
          mediaType: z.string().optional(),
          digest: z.string().optional(),
          repository: z.string().optional(),
          tag: z.string().optional(),
          url: z.string().optional(),
        })
        .optional(),
      request: z.looseObject({ host: z.string().optional() }).optional(),
    }),
  ),
});

/** Harbor's webhook payload (HTTP "Default" format): `PUSH_ARTIFACT` with the pushed resources. */
const HarborPayloadSchema = z.looseObject({
  type: z.string(),
  event_data: z.looseObject({
    resources: z
      .array(
        z.looseObject({
          digest: z.string().optional(),
          tag: z.string().optional(),
          resource_url: z.string().optional(),
        }),
      )
      .default([]),
    repository: z.looseObject({ repo_full_name: z.string().min(1) }),
  }),
});

/** Which clouddriver Docker Registry account a push source is, and the registry name its images use. */
export interface DockerSource {
  /** Webhook source name (`/webhooks/docker/{source}`). */
  source: string;
  account: string;
  /** Overrides the registry host read from the payload (must equal the account's `registry`). */
  registry?: string;
}

const hostOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
};

/** Pushed images of a distribution envelope: manifest pushes that name a tag. */
function fromDistribution(
  body: z.infer<typeof DistributionEnvelopeSchema>,
  src: DockerSource,
): DockerEventContent[] {
  return body.events.flatMap((e) => {
    const t = e.target;
    if (e.action !== 'push' || !t?.tag || !t.repository || !MANIFEST_MEDIA_TYPES.has(t.mediaType ?? ''))
      return [];
    const registry = src.registry ?? e.request?.host ?? hostOf(t.url);
    if (!registry) return [];
    return [
      {
        account: src.account,
        registry,
        repository: t.repository,
        tag: t.tag,
        ...(t.digest ? { digest: t.digest } : {}),
      },
    ];
  });
}

/** Pushed tags of a Harbor `PUSH_ARTIFACT` payload (a push by digest only names no tag and is skipped). */
function fromHarbor(body: z.infer<typeof HarborPayloadSchema>, src: DockerSource): DockerEventContent[] {
  if (body.type !== 'PUSH_ARTIFACT') return [];
  const repository = body.event_data.repository.repo_full_name;
  return body.event_data.resources.flatMap((r) => {
    if (!r.tag || r.tag.startsWith('sha256:')) return [];
    const registry = src.registry ?? r.resource_url?.split('/')[0];
    if (!registry) return [];
    return [
      { account: src.account, registry, repository, tag: r.tag, ...(r.digest ? { digest: r.digest } : {}) },
    ];
  });
}

/**
 * Maps a registry's push notification to docker events (the shape igor's poller sends, with the
 * same push id, so echo starts one pipeline whichever arrives first): the distribution registry's
 * envelope (`events[]`, manifest pushes with a tag) or Harbor's `PUSH_ARTIFACT` payload (Default or
 * CloudEvents format, `harbor.artifact.pushed`), or Spinnaker's docker event content itself
 * (`{account?, registry, repository, tag, digest?}`). Other
 * Harbor event types give no events; a body that is neither format, or malformed, is a 400 (zod
 * issues carry the field path).
 */
export async function dockerEventsFromPush(body: unknown, src: DockerSource): Promise<EchoEvent[]> {
  let pushes: DockerEventContent[];
  if (body && typeof body === 'object' && 'events' in body) {
    pushes = fromDistribution(DistributionEnvelopeSchema.parse(body), src);
  } else if (body && typeof body === 'object' && 'event_data' in body) {
    pushes = fromHarbor(HarborPayloadSchema.parse(body), src);
  } else if (body && typeof body === 'object' && 'specversion' in body && 'data' in body) {
    // Harbor's "CloudEvents" format: the same event data under `data`, type `harbor.artifact.pushed`.
    const { type, data } = z.looseObject({ type: z.string(), data: z.unknown() }).parse(body);
    const harborType = type === 'harbor.artifact.pushed' ? 'PUSH_ARTIFACT' : type;
    pushes = fromHarbor(HarborPayloadSchema.parse({ type: harborType, event_data: data }), src);
  } else if (body && typeof body === 'object' && 'repository' in body && 'tag' in body) {
    // Spinnaker's own docker event content, as a script would POST it to echo through gate.
    const given = body as Record<string, unknown>;
    pushes = [DockerEventContentSchema.parse({ account: src.account, registry: src.registry, ...given })];
  } else {
    throw new InputError(
      'A docker webhook must be a registry notification envelope (events[]) or a Harbor payload (Default: type, event_data; CloudEvents: specversion, type, data) or docker event content (repository, tag)',
    );
  }
  const events = await Promise.all(pushes.map((p) => dockerEvent(p, src.source)));
  return [...new Map(events.map((e) => [e.eventId, e])).values()];
}
