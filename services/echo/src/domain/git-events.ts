/** What a git webhook body becomes: the content keys echo's git trigger reads. */
export interface GitContent {
  repoProject: string;
  slug: string;
  hash: string;
  branch: string;
  action?: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const stripRef = (ref: string) => ref.replace(/^refs\/heads\//, '');

function github(body: Json, event: string | undefined): GitContent | undefined {
  if ('hook_id' in body || event === 'ping') return undefined;
  const repo = obj(body.repository);
  const owner = obj(repo.owner);
  const pr = obj(body.pull_request);
  const head = obj(pr.head);
  const action =
    event === 'pull_request' || 'pull_request' in body
      ? `pull_request:${str(body.action)}`
      : event || (body.ref_type ? 'create' : 'push');
  return {
    repoProject: str(owner.name) || str(owner.login),
    slug: str(repo.name),
    hash: str(head.sha) || str(body.after),
    branch: str(head.ref) || stripRef(str(body.ref)),
    action,
  };
}

function gitlab(body: Json): GitContent {
  const project = obj(body.project);
  return {
    repoProject: str(project.namespace),
    slug: str(project.name),
    hash: str(body.checkout_sha) || str(body.after),
    branch: stripRef(str(body.ref)),
    action: str(body.object_kind) || 'push',
  };
}

function bitbucketCloud(body: Json, eventKey: string | undefined): GitContent | undefined {
  const repo = obj(body.repository);
  const [project = '', slug = ''] = str(repo.full_name).split('/');
  const change = obj((obj(body.push).changes as unknown[] | undefined)?.[0]);
  const target = obj(obj(change.new).target);
  const pr = obj(body.pullrequest);
  const source = obj(pr.source);
  return {
    repoProject: project,
    slug: slug || str(repo.name),
    hash: str(target.hash) || str(obj(source.commit).hash),
    branch: str(obj(change.new).name) || str(obj(source.branch).name),
    action: eventKey ?? 'repo:push',
  };
}

function bitbucketServer(body: Json): GitContent | undefined {
  const key = str(body.eventKey);
  if (key.startsWith('pr:')) {
    const from = obj(obj(body.pullRequest).fromRef);
    const repo = obj(from.repository);
    return {
      repoProject: str(obj(repo.project).key),
      slug: str(repo.slug),
      hash: str(from.latestCommit),
      branch: str(from.displayId),
      action: key,
    };
  }
  const repo = obj(body.repository);
  const change = obj(((body.changes ?? body.refChanges) as unknown[] | undefined)?.[0]);
  if (!Object.keys(change).length) return undefined;
  return {
    repoProject: str(obj(repo.project).key),
    slug: str(repo.slug),
    hash: str(change.toHash),
    branch: stripRef(str(change.refId)),
    action: key || 'repo:refs_changed',
  };
}

/**
 * Converts a git webhook body into echo's git event content, per source (echo's GitWebhookHandlers):
 * github, gitlab, bitbucket (cloud; also server bodies), stash / bitbucket-server. Undefined means
 * "do not send" (a GitHub ping, a push without changes) and an unknown source.
 */
export function toGitContent(
  source: string,
  body: Json,
  headers: Record<string, string | undefined>,
): GitContent | undefined {
  switch (source.toLowerCase()) {
    case 'github':
      return github(body, headers['x-github-event']);
    case 'gitlab':
      return gitlab(body);
    case 'bitbucket':
      return 'eventKey' in body ? bitbucketServer(body) : bitbucketCloud(body, headers['x-event-key']);
    case 'stash':
    case 'bitbucket-server':
      return bitbucketServer(body);
    default:
      return undefined;
  }
}
