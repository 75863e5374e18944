import {
  ConflictError,
  InputError,
  NotFoundError,
  errorCodeOf,
  type GenericBuild,
  type QueuedJob,
} from '@genoa/shared';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import type { JenkinsClient, JenkinsParameter } from './adapters/jenkins-client.js';
import { parsePropertyFile, toGenericBuild } from './domain/build.js';
import { flattenJobs } from './domain/jobs.js';

/** Igor's JobConfig (`GET /jobs/{master}/{job}`). */
export interface JobConfig {
  name: string;
  displayName?: string;
  description?: string;
  url?: string;
  buildable: boolean;
  color?: string;
  concurrentBuild: boolean;
  parameterDefinitionList: {
    name: string;
    type?: string;
    description?: string;
    defaultValue?: unknown;
    defaultName?: string;
    choices?: string[];
  }[];
  upstreamProjectList: { name: string; url: string }[];
  downstreamProjectList: { name: string; url: string }[];
}

/** The answer to a build trigger: a queue item id, or "a duplicate is still pending" (202). */
export type TriggerOutcome = { queueItem: number } | { pending: true };

/** The Jenkins side of igor's API (edge.md §5.3), over the configured masters. */
export class JenkinsService {
  constructor(
    readonly clients: ReadonlyMap<string, JenkinsClient>,
    private readonly redis: Redis,
    private readonly prefix = '{igor}',
    /** How long one Jenkins call may take (a request marked as sending for longer was cut short). */
    private readonly jenkinsTimeoutMs = 30_000,
  ) {}

  /** The client of a master, or 404. */
  client(master: string): JenkinsClient {
    const client = this.clients.get(master);
    if (!client) throw new NotFoundError(`Master '${master}' not found`);
    return client;
  }

  /** Job names of a master, folders flattened as `a/job/b`. */
  async jobNames(master: string): Promise<string[]> {
    return flattenJobs(await this.client(master).jobNames()).map((j) => j.name);
  }

  /** A job's config. */
  async jobConfig(master: string, job: string): Promise<JobConfig> {
    const raw = await this.client(master).job(job);
    const definitions: JenkinsParameter[] = [...(raw.property ?? []), ...(raw.actions ?? [])].flatMap(
      (a) => a?.parameterDefinitions ?? [],
    );
    return {
      name: raw.name,
      displayName: raw.displayName,
      description: raw.description,
      url: raw.url,
      buildable: raw.buildable ?? false,
      color: raw.color,
      concurrentBuild: raw.concurrentBuild ?? false,
      parameterDefinitionList: definitions.map((p) => ({
        name: p.name,
        type: p.type,
        description: p.description,
        defaultValue: p.defaultParameterValue?.value,
        defaultName: p.defaultParameterValue?.name,
        choices: p.choices,
      })),
      upstreamProjectList: raw.upstreamProjects ?? [],
      downstreamProjectList: raw.downstreamProjects ?? [],
    };
  }

  /** The builds Jenkins lists for a job, as GenericBuilds. */
  async builds(master: string, job: string): Promise<GenericBuild[]> {
    return (await this.client(master).builds(job)).map((b) => toGenericBuild(job, b));
  }

  /** One build. */
  async buildStatus(master: string, job: string, n: number): Promise<GenericBuild> {
    return toGenericBuild(job, await this.client(master).build(job, n));
  }

  /** The parsed property file archived by a build (empty map when the build has no such artifact). */
  async properties(
    master: string,
    job: string,
    n: number,
    fileName: string,
  ): Promise<Record<string, unknown>> {
    const client = this.client(master);
    const build = await client.build(job, n);
    const artifact = (build.artifacts ?? []).find((a) => a.fileName === fileName);
    if (!artifact?.relativePath) return {};
    const text = await client.artifact(job, n, artifact.relativePath);
    try {
      return parsePropertyFile(fileName, text);
    } catch (err) {
      throw new InputError(`property file ${fileName} of ${job} #${n} could not be parsed`, [], {
        cause: err,
      });
    }
  }

  /** A queue item: `number` is the build number once started. */
  async queuedBuild(master: string, item: number): Promise<QueuedJob> {
    const raw = await this.client(master).queueItem(item);
    const number = raw.executable?.number ?? null;
    return { executable: raw.executable ?? null, number };
  }

  /**
   * Starts a job (edge.md §5.3 `PUT /masters/{name}/jobs/{job}`): checks it is buildable and its
   * choice parameters, picks `build` or `buildWithParameters`, and de-duplicates retries of one
   * orca execution (`executionId`) so a re-sent request never queues a second build.
   */
  async trigger(
    master: string,
    job: string,
    params: Record<string, string>,
    dedupe: { executionId?: string; startTime?: string },
  ): Promise<TriggerOutcome> {
    const client = this.client(master);
    const config = await this.jobConfig(master, job);
    if (!config.buildable) throw new InputError(`Job '${job}' is not buildable. It may be disabled.`);
    for (const def of config.parameterDefinitionList) {
      const value = params[def.name];
      if (def.choices?.length && value !== undefined && !def.choices.includes(value))
        throw new InputError(
          `'${value}' is not a valid choice for '${def.name}'. Valid choices are: ${def.choices.join(', ')}`,
        );
    }
    const hasParams = Object.keys(params).length > 0;
    const takesParams = config.parameterDefinitionList.length > 0;
    if (hasParams && !takesParams)
      throw new InputError(`job '${job}' takes no parameters but some were given`);
    const jenkinsParams = takesParams ? (hasParams ? params : { startedBy: 'igor' }) : undefined;

    if (!dedupe.executionId) return { queueItem: await client.trigger(job, jenkinsParams) };
    const identity = [
      master,
      job,
      dedupe.executionId,
      dedupe.startTime ?? '',
      ...Object.entries(params)
        .sort()
        .map(([k, v]) => `${k}=${v}`),
    ];
    const key = `${this.prefix}:pending:${createHash('sha256').update(identity.join('\u0000')).digest('hex')}`;
    if ((await this.redis.set(key, 'PENDING', 'EX', 300, 'NX')) !== 'OK') {
      const seen = (await this.redis.get(key)) ?? 'PENDING';
      if (/^\d+$/.test(seen)) return { queueItem: Number(seen) };
      const sendingSince = seen.startsWith('SENDING:') ? Number(seen.slice('SENDING:'.length)) : undefined;
      if (sendingSince !== undefined && Date.now() - sendingSince > this.jenkinsTimeoutMs + 5_000)
        throw new ConflictError(
          `Job '${job}' was sent to Jenkins for this execution, but igor stopped before Jenkins answered: ` +
            'it may or may not be queued, so it is not requested again',
        );
      return { pending: true };
    }
    // From here the request may reach Jenkins: a retry must never send it a second time.
    await this.redis.set(key, `SENDING:${Date.now()}`, 'EX', 24 * 3600);
    try {
      const queueItem = await client.trigger(job, jenkinsParams);
      await this.redis.set(key, String(queueItem), 'EX', 24 * 3600);
      return { queueItem };
    } catch (err) {
      // Jenkins refused it (4xx): nothing was queued, a retry may send it again. Otherwise (no
      // answer, 5xx) it may have been queued: keep the marker, so retries are refused, not repeated.
      if (isRefusal(err)) await this.redis.del(key);
      throw err;
    }
  }
}

/**
 * A definite "not queued": Jenkins answered below 500 (404, 4xx, a redirect to a login page) or
 * could not be connected to at all. A timeout or a 5xx is not one: the build may have been queued.
 */
function isRefusal(err: unknown): boolean {
  const code = errorCodeOf(err);
  if (code === 'NOT_FOUND') return true;
  if (code === 'UPSTREAM') return ((err as { upstreamStatus?: number }).upstreamStatus ?? 500) < 500;
  const cause = (err as { cause?: { code?: unknown; cause?: { code?: unknown } } }).cause;
  return code === 'SERVICE_UNAVAILABLE' && (cause?.cause?.code ?? cause?.code) === 'ECONNREFUSED';
}
