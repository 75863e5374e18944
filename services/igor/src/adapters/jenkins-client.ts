import { NotFoundError, ServiceUnavailableError, UpstreamError } from '@genoa/shared';
import { BUILD_FIELDS, type JenkinsBuild } from '../domain/build.js';
import { jobsTree, jobUrlPath, type JobNode } from '../domain/jobs.js';
import type { Master } from '../domain/masters.js';

/** The job config fields igor serves at `GET /jobs/{master}/{job}` (Jenkins' JSON names). */
export interface JenkinsJob {
  name: string;
  displayName?: string;
  description?: string;
  url?: string;
  buildable?: boolean;
  color?: string;
  concurrentBuild?: boolean;
  actions?: { parameterDefinitions?: JenkinsParameter[] }[];
  property?: { parameterDefinitions?: JenkinsParameter[] }[];
  upstreamProjects?: { name: string; url: string }[];
  downstreamProjects?: { name: string; url: string }[];
  builds?: JenkinsBuild[];
}

/** A Jenkins parameter definition. */
export interface JenkinsParameter {
  name: string;
  type?: string;
  description?: string;
  defaultParameterValue?: { name?: string; value?: unknown } | null;
  choices?: string[];
}

/** A Jenkins queue item (`executable.number` once started). */
export interface JenkinsQueueItem {
  id: number;
  executable?: { number?: number; url?: string } | null;
  cancelled?: boolean;
  why?: string | null;
}

/**
 * A client for one Jenkins master over its JSON API: Basic auth with the API token (or a bearer
 * token), a crumb before each POST when `csrf` is on, `User-Agent: Spinnaker-igor`.
 */
export class JenkinsClient {
  private requests = 0;
  constructor(
    readonly master: Master,
    private readonly timeoutMs: number,
  ) {}

  /** Requests sent so far (for benchmarks and tests). */
  get requestCount(): number {
    return this.requests;
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': 'Spinnaker-igor', accept: 'application/json' };
    const auth: string[] = [];
    if (this.master.username !== undefined)
      auth.push(
        `Basic ${Buffer.from(`${this.master.username}:${this.master.apiToken ?? ''}`).toString('base64')}`,
      );
    if (this.master.token) auth.push(`Bearer ${this.master.token}`);
    if (auth.length) headers.authorization = auth.join(', ');
    return headers;
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    extra: Record<string, string> = {},
    body?: string,
  ): Promise<Response> {
    this.requests += 1;
    const url = `${this.master.address}${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { ...this.headers(), ...extra },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new ServiceUnavailableError(`jenkins master ${this.master.name} is unreachable`, { cause: err });
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new NotFoundError(`not found on jenkins master ${this.master.name}: ${path.split('?')[0]}`);
    }
    if (res.status >= 400) {
      await res.body?.cancel();
      throw new UpstreamError(`jenkins master ${this.master.name} answered ${res.status}`, res.status);
    }
    return res;
  }

  private async json<T>(path: string): Promise<T> {
    const res = await this.send('GET', path);
    try {
      return (await res.json()) as T;
    } catch (err) {
      throw new UpstreamError(`jenkins master ${this.master.name} sent invalid JSON`, res.status, {
        cause: err,
      });
    }
  }

  private async post(path: string, form?: Record<string, string>): Promise<Response> {
    const extra: Record<string, string> = form ? { 'content-type': 'application/x-www-form-urlencoded' } : {};
    if (this.master.csrf) {
      const crumb = await this.json<{ crumb: string; crumbRequestField: string }>('/crumbIssuer/api/json');
      extra[crumb.crumbRequestField || 'Jenkins-Crumb'] = crumb.crumb;
    }
    return this.send('POST', path, extra, form ? new URLSearchParams(form).toString() : undefined);
  }

  /** Every job with its last build, 10 folder levels deep (the poller's one call per master). */
  async jobsWithLastBuild(): Promise<JobNode[]> {
    const doc = await this.json<{ jobs?: JobNode[] }>(
      `/api/json?tree=${jobsTree(`name,lastBuild[${BUILD_FIELDS}]`)}`,
    );
    return doc.jobs ?? [];
  }

  /** The job tree with names only (for `GET /jobs/{master}`). */
  async jobNames(): Promise<JobNode[]> {
    const doc = await this.json<{ jobs?: JobNode[] }>(`/api/json?tree=${jobsTree('name')}`);
    return doc.jobs ?? [];
  }

  /** The builds Jenkins lists for a job (newest first, at most 100). */
  async builds(job: string): Promise<JenkinsBuild[]> {
    const doc = await this.json<{ builds?: JenkinsBuild[] }>(
      `${jobUrlPath(job)}/api/json?tree=builds[${BUILD_FIELDS}]`,
    );
    return doc.builds ?? [];
  }

  /** One build. */
  build(job: string, n: number): Promise<JenkinsBuild> {
    return this.json<JenkinsBuild>(
      `${jobUrlPath(job)}/${n}/api/json?tree=${BUILD_FIELDS},id,builtOn,estimatedDuration`,
    );
  }

  /** The job's config (parameters, buildable, up/downstream). */
  job(job: string): Promise<JenkinsJob> {
    return this.json<JenkinsJob>(
      `${jobUrlPath(job)}/api/json?tree=name,displayName,description,url,buildable,color,concurrentBuild,` +
        'actions[parameterDefinitions[name,type,description,defaultParameterValue[name,value],choices]],' +
        'property[parameterDefinitions[name,type,description,defaultParameterValue[name,value],choices]],' +
        'upstreamProjects[name,url],downstreamProjects[name,url]',
    );
  }

  /** A queue item. */
  queueItem(id: number): Promise<JenkinsQueueItem> {
    return this.json<JenkinsQueueItem>(`/queue/item/${id}/api/json`);
  }

  /** The text of an archived artifact. */
  async artifact(job: string, n: number, relativePath: string): Promise<string> {
    const path = relativePath.split('/').map(encodeURIComponent).join('/');
    return (await this.send('GET', `${jobUrlPath(job)}/${n}/artifact/${path}`)).text();
  }

  /** Queues a build; returns the queue item id from the `Location` header (Jenkins answers 201). */
  async trigger(job: string, parameters: Record<string, string> | undefined): Promise<number> {
    const path = parameters
      ? `${jobUrlPath(job)}/buildWithParameters?${new URLSearchParams(parameters).toString()}`
      : `${jobUrlPath(job)}/build`;
    const res = await this.post(path);
    await res.body?.cancel();
    const item = /\/queue\/item\/(\d+)\/?$/.exec(res.headers.get('location') ?? '');
    if (res.status !== 201 || !item)
      throw new UpstreamError(
        `jenkins master ${this.master.name} did not queue ${job} (status ${res.status})`,
        res.status,
      );
    return Number(item[1]);
  }

  /** Cancels a queued item; Jenkins answers 404 even when it worked, which is ignored (as igor does). */
  async cancelQueueItem(id: number): Promise<void> {
    try {
      await (await this.post(`/queue/cancelItem?id=${id}`)).body?.cancel();
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }

  /** Sets a build's description (orca's backlink to the execution). */
  async setDescription(job: string, n: number, description: string): Promise<void> {
    await (await this.post(`${jobUrlPath(job)}/${n}/submitDescription`, { description })).body?.cancel();
  }

  /** Stops a running build. */
  async stop(job: string, n: number): Promise<void> {
    await (await this.post(`${jobUrlPath(job)}/${n}/stop`)).body?.cancel();
  }
}
