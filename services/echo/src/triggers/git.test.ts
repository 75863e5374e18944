import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toGitContent } from '../domain/git-events.js';
import { matchEvent } from '../domain/trigger-loop.js';
import { triggerDefinitions } from './index.js';
import { staticSource } from './source-helper.js';
import { event, fakeIgor, fixture, pipelineWith } from './test-support.js';

describe('git payloads to git events', () => {
  it.each([
    [
      'github',
      'echo__github-push-payload.json',
      { 'x-github-event': 'push' },
      {
        repoProject: 'jervi',
        slug: 'expert-waffle',
        branch: 'main',
        hash: 'da68b0f38d58d68196651e808317bfae708fa9f0',
        action: 'push',
      },
    ],
    [
      'github',
      'echo__github-pr-payload.json',
      { 'x-github-event': 'pull_request' },
      { repoProject: 'jervi', slug: 'expert-waffle', action: 'pull_request:opened' },
    ],
    [
      'bitbucket',
      'echo__bitbucket-cloud-payload.json',
      { 'x-event-key': 'repo:push' },
      { repoProject: 'bitbucketfan', slug: 'test_webhooks', action: 'repo:push' },
    ],
    [
      'bitbucket-server',
      'echo__bitbucket-server-repo-refs-changed.json',
      {},
      {
        repoProject: 'RT',
        slug: 'repo-test',
        branch: 'feature-branch',
        hash: '9065c394975cf8750a83abb6e54ba27245a38926',
        action: 'repo:refs_changed',
      },
    ],
    [
      'bitbucket-server',
      'echo__bitbucket-server-pr-opened.json',
      {},
      { branch: 'feature-branch', hash: '1eb0b0f6e1725c4040f2605e1d58c9f9d2095658', action: 'pr:opened' },
    ],
    ['stash', 'echo__legacy-stash-payload.json', {}, { action: 'repo:refs_changed' }],
  ])('%s %s', (source, file, headers, expected) => {
    const content = toGitContent(source, fixture('webhooks', file), headers);
    expect(content).toMatchObject(expected);
    expect(content!.repoProject).not.toBe('');
    expect(content!.slug).not.toBe('');
  });

  it('does not send a GitHub ping', () => {
    expect(toGitContent('github', { hook_id: 1, zen: 'x' }, { 'x-github-event': 'ping' })).toBeUndefined();
  });
});

describe('git trigger over every git fixture payload', () => {
  it.each([
    ['github', 'echo__github-push-payload.json', { 'x-github-event': 'push' }],
    ['github', 'echo__github-pr-payload.json', { 'x-github-event': 'pull_request' }],
    ['github', 'echo__github-branch-payload.json', { 'x-github-event': 'push' }],
    ['bitbucket', 'echo__bitbucket-cloud-payload.json', { 'x-event-key': 'repo:push' }],
    ['bitbucket-server', 'echo__bitbucket-server-repo-refs-changed.json', {}],
    ['bitbucket-server', 'echo__bitbucket-server-pr-opened.json', {}],
    ['stash', 'echo__legacy-stash-payload.json', {}],
  ])('%s %s: its own project/slug/branch match; another slug or branch does not', async (src, file, h) => {
    const content = toGitContent(src, fixture('webhooks', file), h)!;
    const gitEvent = event('git', src, { ...content, artifacts: [] });
    const own = {
      type: 'git',
      source: src,
      project: String(content.repoProject),
      slug: String(content.slug),
    };
    const matches = async (trigger: Record<string, unknown>) =>
      (await matchEvent(gitEvent, triggerDefinitions, staticSource([pipelineWith(trigger)]), fakeIgor()))
        .length;
    expect(await matches(own)).toBe(1);
    if (content.branch) expect(await matches({ ...own, branch: String(content.branch) })).toBe(1);
    expect(await matches({ ...own, slug: `${String(content.slug)}-other` })).toBe(0);
    expect(await matches({ ...own, branch: 'no-such-branch' })).toBe(0);
    expect(await matches({ ...own, source: src === 'github' ? 'gitlab' : 'github' })).toBe(0);
  });
});

describe('git trigger', () => {
  const body = fixture('webhooks', 'echo__github-push-payload.json');
  const raw = JSON.stringify(body);
  const content = toGitContent('github', body, { 'x-github-event': 'push' })!;
  const sign = (secret: string) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  const gitEvent = (headers: Record<string, string[]> = {}) =>
    event(
      'git',
      'github',
      { ...content, artifacts: [] },
      { rawContent: raw, details: { type: 'git', source: 'github', requestHeaders: headers } },
    );
  const base = { type: 'git', source: 'github', project: 'jervi', slug: 'expert-waffle' };

  it.each([
    ['exact', {}, {}, true],
    ['case-insensitive project and slug', { project: 'JERVI', slug: 'Expert-Waffle' }, {}, true],
    ['branch regex full match', { branch: 'ma.*' }, {}, true],
    ['branch regex must match fully', { branch: 'mai' }, {}, false],
    ['other slug', { slug: 'x' }, {}, false],
    ['other source', { source: 'gitlab' }, {}, false],
    ['events filter on action', { events: ['push'] }, {}, true],
    ['events filter rejects', { events: ['pull_request:opened'] }, {}, false],
    [
      'secret with valid sha256 signature',
      { secret: 's3cret' },
      { 'X-Hub-Signature-256': [sign('s3cret')] },
      true,
    ],
    [
      'secret with valid sha1 signature',
      { secret: 's3cret' },
      { 'X-Hub-Signature': [`sha1=${createHmac('sha1', 's3cret').update(raw).digest('hex')}`] },
      true,
    ],
    ['secret with wrong signature', { secret: 's3cret' }, { 'X-Hub-Signature-256': [sign('nope')] }, false],
    ['secret without signature', { secret: 's3cret' }, {}, false],
  ])('%s', async (_n, extra, headers, expected) => {
    const matches = await matchEvent(
      gitEvent(headers),
      triggerDefinitions,
      staticSource([pipelineWith({ ...base, ...extra })]),
      fakeIgor(),
    );
    expect(matches.length).toBe(expected ? 1 : 0);
  });

  it('resolves hash, branch and action and never copies the secret', async () => {
    const [m] = await matchEvent(
      gitEvent({ 'x-hub-signature-256': [sign('k')] }),
      triggerDefinitions,
      staticSource([pipelineWith({ ...base, secret: 'k' })]),
      fakeIgor(),
    );
    expect(m!.trigger).toMatchObject({
      type: 'git',
      hash: content.hash,
      branch: 'main',
      action: 'push',
      eventId: 'evt-1',
    });
    expect(m!.trigger).not.toHaveProperty('secret');
  });
});
