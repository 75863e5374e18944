import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { fullMatch } from '../domain/payload-constraints.js';
import { defineTrigger } from '../domain/trigger-definition.js';
import { artifactsOf, eventShape, header } from './common.js';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
const hmac = (algorithm: 'sha1' | 'sha256', secret: string, body: string) =>
  `${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;

/**
 * Whether a git event carries a valid proof of `secret`: GitHub's `X-Hub-Signature-256` (or the
 * older `X-Hub-Signature`, SHA-1, which Spinnaker checks) over the raw body; Bitbucket Server's
 * `X-Hub-Signature` (SHA-256); GitLab's `X-Gitlab-Token` equal to the secret.
 */
export function hasValidSecret(
  source: string,
  secret: string,
  headers: Record<string, string[]> | null | undefined,
  raw: string,
): boolean {
  const sha256 = header(headers, 'x-hub-signature-256');
  const sha1 = header(headers, 'x-hub-signature');
  if (source === 'gitlab') return same(header(headers, 'x-gitlab-token') ?? '', secret);
  if (sha256) return same(sha256, hmac('sha256', secret, raw));
  if (sha1?.startsWith('sha256=')) return same(sha1, hmac('sha256', secret, raw));
  if (sha1) return same(sha1, hmac('sha1', secret, raw));
  return false;
}

const ci = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

/**
 * `git` triggers on `POST /webhooks/git/{source}` events (github, gitlab, bitbucket, stash,
 * bitbucket-server). source, project and slug match case-insensitively; `branch` is a full-match
 * regex; `events[]` filters on the event's action; a trigger with a `secret` needs a valid signature.
 */
export const gitTrigger = defineTrigger({
  type: 'git',
  handles: (eventType) => eventType.toLowerCase() === 'git',
  eventSchema: z.looseObject({
    ...eventShape,
    content: z.looseObject({
      repoProject: z.string(),
      slug: z.string(),
      branch: z.string().default(''),
      hash: z.string().default(''),
      action: z.string().nullish(),
    }),
  }),
  triggerSchema: z.looseObject({
    type: z.string(),
    source: z.string().nullish(),
    project: z.string().nullish(),
    slug: z.string().nullish(),
    branch: z.string().nullish(),
    secret: z.string().nullish(),
    events: z.array(z.string()).nullish(),
  }),
  isValid: (trigger) => !!trigger.source && !!trigger.project && !!trigger.slug,
  matches: (event, trigger) => {
    const c = event.content;
    if (
      !ci(trigger.source, event.details.source) ||
      !ci(trigger.project, c.repoProject) ||
      !ci(trigger.slug, c.slug)
    )
      return false;
    if (trigger.branch && !fullMatch(trigger.branch, c.branch)) return false;
    if (trigger.events?.length && !(c.action && trigger.events.includes(c.action))) return false;
    if (trigger.secret)
      return hasValidSecret(
        event.details.source,
        trigger.secret,
        event.details.requestHeaders,
        event.rawContent ?? '',
      );
    return true;
  },
  resolve: (event, trigger) => {
    const { secret: _secret, ...visible } = trigger;
    return {
      trigger: {
        ...visible,
        hash: event.content.hash,
        branch: event.content.branch,
        ...(event.content.action ? { action: event.content.action } : {}),
        eventId: event.eventId,
      },
      artifacts: artifactsOf(event.content),
    };
  },
});
