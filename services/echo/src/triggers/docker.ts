import { z } from 'zod';
import { DOCKER_EVENT_TYPE, DockerEventContentSchema, type Artifact } from '@genoa/shared';
import { fullMatch } from '../domain/payload-constraints.js';
import { defineTrigger } from '../domain/trigger-definition.js';
import { eventShape } from './common.js';

/** The `docker/image` artifact of a pushed tag (Spinnaker's DockerEventHandler): `registry/repository:tag`. */
export function dockerImageArtifact(content: {
  registry: string;
  repository: string;
  tag: string;
  digest?: string | null;
}): Artifact {
  const name = `${content.registry}/${content.repository}`;
  return {
    type: 'docker/image',
    name,
    version: content.tag,
    reference: `${name}:${content.tag}`,
    ...(content.digest ? { metadata: { digest: content.digest } } : {}),
  };
}

/**
 * `docker` triggers on image pushes (`details.type: docker`, from igor's monitor or gate's registry
 * intake). `account` and `repository` must equal the event's; `tag` is a regex that must match the
 * whole tag (Java's `String.matches`), and an empty `tag` matches any tag except `latest`. The
 * trigger gets `tag`, `digest` and `eventId`; the received artifact is the `docker/image`.
 */
export const dockerTrigger = defineTrigger({
  type: 'docker',
  handles: (eventType) => eventType.toLowerCase() === DOCKER_EVENT_TYPE,
  eventSchema: z.looseObject({ ...eventShape, content: DockerEventContentSchema }),
  triggerSchema: z.looseObject({
    type: z.string(),
    account: z.string().nullish(),
    registry: z.string().nullish(),
    repository: z.string().nullish(),
    tag: z.string().nullish(),
  }),
  isSuccessful: (event) => event.content.tag.length > 0,
  isValid: (trigger) => !!trigger.account && !!trigger.repository,
  matches: (event, trigger) => {
    const c = event.content;
    if (trigger.account !== c.account || trigger.repository !== c.repository) return false;
    const pattern = trigger.tag?.trim();
    return pattern ? fullMatch(pattern, c.tag) : c.tag !== 'latest';
  },
  resolve: (event, trigger) => {
    const c = event.content;
    const artifact = dockerImageArtifact(c);
    return {
      trigger: {
        ...trigger,
        registry: trigger.registry ?? c.registry,
        tag: c.tag,
        ...(c.digest ? { digest: c.digest } : {}),
        eventId: event.eventId,
      },
      artifacts: [artifact],
    };
  },
});
