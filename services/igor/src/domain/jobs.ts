/**
 * Job naming. Igor names folder jobs `folder/job/child` (levels joined with `/job/`), and that name
 * is what triggers carry (`trigger.job`) and what goes into Jenkins URLs after `job/`.
 */

/** How deep the poller's `tree=` query descends into folders (Igor's 10 levels). */
export const FOLDER_DEPTH = 10;

/** Jenkins URL path of a job (`a/job/b` → `/job/a/job/b`), each segment escaped. */
export const jobUrlPath = (job: string): string =>
  `/job/${job
    .split('/job/')
    .map((part) => encodeURIComponent(part))
    .join('/job/')}`;

/** The `tree=` of the poller: every job with its last build, 10 folder levels deep. */
export function jobsTree(leaf: string): string {
  let tree = `jobs[${leaf}]`;
  for (let i = 1; i < FOLDER_DEPTH; i += 1) tree = `jobs[${leaf},${tree}]`;
  return tree;
}

/** A job node from the `jobs[...]` tree (folders have `jobs`). */
export interface JobNode {
  name: string;
  _class?: string;
  jobs?: JobNode[];
  lastBuild?: unknown;
}

/** Flattens a jobs tree into igor names with the node, leaves only (nodes without `jobs`). */
export function flattenJobs(nodes: readonly JobNode[], prefix = ''): { name: string; node: JobNode }[] {
  const out: { name: string; node: JobNode }[] = [];
  for (const node of nodes) {
    const name = prefix ? `${prefix}/job/${node.name}` : node.name;
    if (Array.isArray(node.jobs)) out.push(...flattenJobs(node.jobs, name));
    else out.push({ name, node });
  }
  return out;
}

/** The igor job name from a Notification-plugin `url` (`job/a/job/b/` → `a/job/b`). */
export function jobNameFromUrl(url: string): string | undefined {
  const path = url.replace(/^https?:\/\/[^/]+/, '').replace(/^\/+|\/+$/g, '');
  const parts = path.split('/');
  const at = parts.indexOf('job');
  if (at < 0) return undefined;
  const names: string[] = [];
  for (let i = at; i < parts.length; i += 2) {
    if (parts[i] !== 'job' || parts[i + 1] === undefined) break;
    names.push(decodeURIComponent(parts[i + 1]!));
  }
  return names.length ? names.join('/job/') : undefined;
}
