import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from '../ports.js';
import { basicAuthOk, send } from './http.js';
import {
  jobPath,
  renderBuild,
  type DoubleBuild,
  type DoubleJob,
  type DoubleQueueItem,
  type JenkinsResult,
  type ParameterDefinition,
} from './model.js';
import { renderFolderItems, renderJob } from './render.js';
import { applyTree, parseTree, type TreeSpec } from './tree.js';

/** Options for {@link startJenkinsDouble}. */
export interface JenkinsDoubleOptions {
  /** Require HTTP Basic auth with this user and API token (Jenkins' "user:apiToken"). */
  username?: string;
  apiToken?: string;
  /** Issue crumbs at `/crumbIssuer/api/json` and refuse a POST without a valid `Jenkins-Crumb`. */
  csrf?: boolean;
  /** Start a queued build at once (default true); false keeps items pending until `startQueued`. */
  autoStart?: boolean;
}

/** A recorded request, for assertions (method, path with query). */
export interface RecordedRequest {
  method: string;
  url: string;
}

/**
 * A Jenkins test double: a real HTTP server on a free port speaking the Jenkins JSON API (`api/json`
 * with `tree=`, builds, queue items, crumbs, build triggers, console text, artifacts) from the real
 * payload shapes. Not Jenkins: no executors, no plugins; builds move only when the test says so.
 */
export interface JenkinsDouble {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request served, in order. */
  readonly requests: RecordedRequest[];
  /** Adds a job (full name with `/` for folders: `team/app`). */
  addJob(fullName: string, options?: { parameters?: ParameterDefinition[]; buildable?: boolean }): void;
  /** Starts a build now (as if queued and picked up); returns its number. */
  startBuild(fullName: string, parameters?: Record<string, string>): number;
  /** Completes a running build with a result. */
  completeBuild(fullName: string, number: number, result: JenkinsResult): void;
  /** Adds an archived artifact (e.g. a properties file) to a build. */
  addArtifact(fullName: string, number: number, relativePath: string, content: string): void;
  /** Appends console output to a build. */
  appendConsole(fullName: string, number: number, text: string): void;
  /** Starts the build of a pending queue item (with `autoStart: false`); returns its number. */
  startQueued(itemId: number): number;
  /** The build as the JSON API renders it. */
  build(fullName: string, number: number): Record<string, unknown>;
  /** The crumbs issued so far. */
  readonly crumbs: ReadonlySet<string>;
  stop(): Promise<void>;
}

/** Starts a {@link JenkinsDouble} on a free port of 127.0.0.1. */
export async function startJenkinsDouble(options: JenkinsDoubleOptions = {}): Promise<JenkinsDouble> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const jobs = new Map<string, DoubleJob>();
  const queue = new Map<number, DoubleQueueItem>();
  const crumbs = new Set<string>();
  const requests: RecordedRequest[] = [];
  let nextQueueId = 100;
  let clock = Date.now();
  const now = () => (clock = Math.max(clock + 1, Date.now()));

  const jobOf = (fullName: string): DoubleJob => {
    const job = jobs.get(fullName);
    if (!job) throw new Error(`no job ${fullName}`);
    return job;
  };
  const buildOf = (fullName: string, number: number): DoubleBuild => {
    const build = jobOf(fullName).builds.find((b) => b.number === number);
    if (!build) throw new Error(`no build ${fullName} #${number}`);
    return build;
  };
  const start = (job: DoubleJob, parameters: Record<string, string>, queueId: number): DoubleBuild => {
    const build: DoubleBuild = {
      number: job.nextBuildNumber++,
      building: true,
      result: null,
      timestamp: now(),
      duration: 0,
      queueId,
      parameters,
      artifacts: new Map(),
      console: `Started by user spinnaker\n`,
      description: null,
    };
    job.builds.push(build);
    return build;
  };

  const authorized = (req: IncomingMessage) => basicAuthOk(req, options.username, options.apiToken);

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    requests.push({ method, url: req.url ?? '/' });
    const parsed = new URL(req.url ?? '/', url);
    if (!authorized(req)) {
      return send(res, 401, 'Unauthorized', { 'www-authenticate': 'Basic realm="Jenkins"' });
    }
    const segments = parsed.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    let tree: TreeSpec | null = null;
    const treeParam = parsed.searchParams.get('tree');
    if (treeParam) {
      try {
        tree = parseTree(treeParam);
      } catch (err) {
        return send(res, 400, (err as Error).message);
      }
    }
    const api = (doc: unknown, fallback: TreeSpec | null = null) =>
      send(res, 200, applyTree(doc, tree ?? fallback));

    if (segments[0] === 'crumbIssuer' && method === 'GET') {
      if (!options.csrf) return send(res, 404, 'Not Found');
      const crumb = randomBytes(16).toString('hex');
      crumbs.add(crumb);
      return api({
        _class: 'hudson.security.csrf.DefaultCrumbIssuer',
        crumb,
        crumbRequestField: 'Jenkins-Crumb',
      });
    }
    if (method === 'POST' && options.csrf) {
      const crumb = req.headers['jenkins-crumb'];
      if (typeof crumb !== 'string' || !crumbs.has(crumb)) {
        return send(res, 403, 'No valid crumb was included in the request');
      }
    }
    if (segments[0] === 'queue' && segments[1] === 'item' && method === 'GET') {
      const item = queue.get(Number(segments[2]));
      if (!item) return send(res, 404, 'Not Found');
      const job = jobOf(item.job);
      const left = item.build !== undefined;
      return api({
        _class: left ? 'hudson.model.Queue$LeftItem' : 'hudson.model.Queue$WaitingItem',
        actions: [],
        blocked: false,
        buildable: !left,
        id: item.id,
        inQueueSince: item.inQueueSince,
        params: Object.entries(item.parameters)
          .map(([k, v]) => `\n${k}=${v}`)
          .join(''),
        stuck: false,
        task: {
          _class: 'hudson.model.FreeStyleProject',
          name: job.fullName.split('/').at(-1),
          url: `${url}${jobPath(job.fullName)}`,
        },
        url: `queue/item/${item.id}/`,
        why: left ? null : 'Waiting for next available executor',
        cancelled: item.cancelled,
        executable: left
          ? {
              _class: 'hudson.model.FreeStyleBuild',
              number: item.build,
              url: `${url}${jobPath(job.fullName)}${item.build}/`,
            }
          : null,
      });
    }
    if (segments[0] === 'queue' && segments[1] === 'cancelItem' && method === 'POST') {
      const item = queue.get(Number(parsed.searchParams.get('id')));
      if (item && item.build === undefined) item.cancelled = true;
      return send(res, 404, 'Not Found');
    }
    // Walk /job/a/job/b … to the deepest job or folder.
    let i = 0;
    const names: string[] = [];
    while (segments[i] === 'job' && segments[i + 1] !== undefined) {
      names.push(segments[i + 1]!);
      i += 2;
    }
    const fullName = names.join('/');
    const rest = segments.slice(i);
    const isApi = (from: number) => rest[from] === 'api' && rest[from + 1] === 'json';
    const job = jobs.get(fullName);
    const isFolder = !job && [...jobs.keys()].some((name) => name.startsWith(fullName ? `${fullName}/` : ''));
    if (!job && !isFolder) return send(res, 404, 'Not Found');

    if (!job) {
      if (method === 'GET' && isApi(0)) {
        return api(
          {
            _class: fullName ? 'com.cloudbees.hudson.plugins.folder.Folder' : 'hudson.model.Hudson',
            ...(fullName ? { name: names.at(-1), fullName, url: `${url}${jobPath(fullName)}` } : {}),
            jobs: renderFolderItems(url, jobs, fullName),
          },
          parseTree('name,url,jobs[name,url,color]'),
        );
      }
      return send(res, 404, 'Not Found');
    }
    if (method === 'GET' && isApi(0)) return api(renderJob(url, job));
    if (method === 'POST' && (rest[0] === 'build' || rest[0] === 'buildWithParameters')) {
      if (!job.buildable) return send(res, 409, `${fullName} is disabled`);
      const parameters: Record<string, string> = {};
      for (const p of job.parameters)
        if (p.defaultValue !== undefined) parameters[p.name] = String(p.defaultValue);
      if (rest[0] === 'buildWithParameters') {
        for (const [k, v] of parsed.searchParams) if (k !== 'delay' && k !== 'token') parameters[k] = v;
      } else if (job.parameters.length > 0) {
        return send(res, 400, 'This page expects a form submission');
      }
      const item: DoubleQueueItem = {
        id: nextQueueId++,
        job: fullName,
        parameters,
        inQueueSince: now(),
        cancelled: false,
      };
      queue.set(item.id, item);
      if (options.autoStart ?? true) item.build = start(job, parameters, item.id).number;
      return send(res, 201, '', { location: `${url}/queue/item/${item.id}/` });
    }
    const ref = rest[0];
    let build: DoubleBuild | undefined;
    if (ref === 'lastBuild') build = job.builds.at(-1);
    else if (ref === 'lastCompletedBuild') build = job.builds.findLast((b) => !b.building);
    else if (ref === 'lastSuccessfulBuild') build = job.builds.findLast((b) => b.result === 'SUCCESS');
    else if (ref !== undefined && /^\d+$/.test(ref)) build = job.builds.find((b) => b.number === Number(ref));
    if (!build) return send(res, 404, 'Not Found');
    if (method === 'GET' && isApi(1)) return api(renderBuild(url, job, build));
    if (method === 'GET' && rest[1] === 'consoleText') return send(res, 200, build.console);
    if (method === 'GET' && rest[1] === 'artifact') {
      const content = build.artifacts.get(rest.slice(2).join('/'));
      return content === undefined
        ? send(res, 404, 'Not Found')
        : send(res, 200, content, { 'content-type': 'application/octet-stream' });
    }
    if (method === 'POST' && rest[1] === 'stop') {
      if (build.building)
        Object.assign(build, { building: false, result: 'ABORTED', duration: now() - build.timestamp });
      return send(res, 302, '', { location: `${url}${jobPath(fullName)}${build.number}/` });
    }
    if (method === 'POST' && rest[1] === 'submitDescription') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        build!.description = new URLSearchParams(body).get('description');
        send(res, 302, '', { location: `${url}${jobPath(fullName)}${build!.number}/` });
      });
      return;
    }
    return send(res, 404, 'Not Found');
  };

  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      send(res, 500, (err as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    url,
    requests,
    crumbs,
    addJob(fullName, opts = {}) {
      jobs.set(fullName, {
        fullName,
        buildable: opts.buildable ?? true,
        parameters: opts.parameters ?? [],
        builds: [],
        nextBuildNumber: 1,
      });
    },
    startBuild: (fullName, parameters = {}) => start(jobOf(fullName), parameters, nextQueueId++).number,
    completeBuild(fullName, number, result) {
      const build = buildOf(fullName, number);
      Object.assign(build, { building: false, result, duration: Math.max(1, now() - build.timestamp) });
      build.console += `Finished: ${result}\n`;
    },
    addArtifact: (fullName, number, relativePath, content) =>
      void buildOf(fullName, number).artifacts.set(relativePath, content),
    appendConsole: (fullName, number, text) => void (buildOf(fullName, number).console += text),
    startQueued(itemId) {
      const item = queue.get(itemId);
      if (!item || item.build !== undefined) throw new Error(`queue item ${itemId} is not pending`);
      item.build = start(jobOf(item.job), item.parameters, item.id).number;
      return item.build;
    },
    build: (fullName, number) => renderBuild(url, jobOf(fullName), buildOf(fullName, number)),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
