import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../kinds/index.js';

/** An error answered by the Kubernetes API: its HTTP status, Status reason and message, quoted as is. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

/** One API resource from discovery. */
export interface ApiResource {
  apiVersion: string;
  kind: string;
  /** The plural resource name in URLs (`replicasets`). */
  name: string;
  namespaced: boolean;
}

/** The patch content types Kubernetes accepts. */
export const PatchType = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;
/** See {@link PatchType}. */
export type PatchType = keyof typeof PatchType;

interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  text?: boolean;
}

/** Options of a delete (propagation, grace period). */
export interface DeleteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  gracePeriodSeconds?: number;
}

/**
 * A small Kubernetes REST client over one kubeconfig context: discovery, CRUD, the four patch
 * types, server-side apply and pod logs. It answers plain JSON objects (no typed models, so no
 * field is dropped), and turns API errors into {@link KubeApiError} with the server's message.
 */
export class KubeClient {
  private discovery: Promise<ApiResource[]> | undefined;
  private connection: { at: number; options: https.RequestOptions } | undefined;

  constructor(
    readonly kubeConfig: KubeConfig,
    private readonly timeoutMs: number,
  ) {}

  /** The namespace of the kubeconfig context, else `default`. */
  get defaultNamespace(): string {
    const ctx = this.kubeConfig.getContextObject(this.kubeConfig.getCurrentContext());
    return ctx?.namespace ?? 'default';
  }

  /** Sends one request to the API server; JSON in and out (text for logs). */
  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const cluster = this.kubeConfig.getCurrentCluster();
    if (!cluster) throw new KubeApiError(0, 'NoCluster', 'the kubeconfig has no current cluster');
    const url = new URL(cluster.server.replace(/\/$/, '') + path);
    for (const [k, v] of Object.entries(options.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const auth = await this.connectionOptions();
    const opts: https.RequestOptions = {
      ...auth,
      method,
      headers: { ...auth.headers, accept: 'application/json' },
    };
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (payload !== undefined) {
      opts.headers = {
        ...opts.headers,
        'content-type': options.contentType ?? 'application/json',
        'content-length': Buffer.byteLength(payload),
      };
    }
    const transport = url.protocol === 'https:' ? https : http;
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = transport.request(url, { ...opts, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      });
      req.on('timeout', () =>
        req.destroy(new Error(`Kubernetes API request timed out after ${this.timeoutMs} ms`)),
      );
      req.on('error', (err) =>
        reject(new KubeApiError(0, 'Unreachable', `${method} ${url.origin}: ${err.message}`)),
      );
      if (payload !== undefined) req.write(payload);
      req.end();
    });
    if (status >= 400) {
      let body: { reason?: string; message?: string } | undefined;
      try {
        body = JSON.parse(text) as { reason?: string; message?: string };
      } catch {
        body = undefined;
      }
      throw new KubeApiError(
        status,
        body?.reason ?? 'Unknown',
        body?.message ?? (text.trim() || `HTTP ${status}`),
        body,
      );
    }
    if (options.text) return text as T;
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** TLS, agent and credentials from the kubeconfig, refreshed each minute (tokens expire). */
  private async connectionOptions(): Promise<https.RequestOptions> {
    if (this.connection && Date.now() - this.connection.at < 60_000) return this.connection.options;
    const options: https.RequestOptions = {};
    await this.kubeConfig.applyToHTTPSOptions(options);
    this.connection = { at: Date.now(), options };
    return options;
  }

  /** Every resource the API server serves (preferred versions), discovered once and cached. */
  async resources(refresh = false): Promise<ApiResource[]> {
    if (!this.discovery || refresh) {
      this.discovery = this.discover();
      this.discovery.catch(() => (this.discovery = undefined));
    }
    return this.discovery;
  }

  private async discover(): Promise<ApiResource[]> {
    const out: ApiResource[] = [];
    const add = (
      apiVersion: string,
      list: { resources?: { name: string; kind: string; namespaced: boolean }[] },
    ) => {
      for (const r of list.resources ?? [])
        if (!r.name.includes('/'))
          out.push({ apiVersion, kind: r.kind, name: r.name, namespaced: r.namespaced });
    };
    add('v1', await this.request('GET', '/api/v1'));
    const groups = await this.request<{
      groups: { preferredVersion?: { groupVersion: string }; versions: { groupVersion: string }[] }[];
    }>('GET', '/apis');
    await Promise.all(
      groups.groups.map(async (g) => {
        const gv = g.preferredVersion?.groupVersion ?? g.versions[0]?.groupVersion;
        if (gv) add(gv, await this.request('GET', `/apis/${gv}`));
      }),
    );
    return out;
  }

  /**
   * The API resource for a kind, matched case-insensitively (`replicaSet` → apps/v1 replicasets);
   * `apiVersion` narrows it. Undefined when the server does not serve it.
   */
  async resourceFor(kind: string, apiVersion?: string): Promise<ApiResource | undefined> {
    // Another version of the same API group may serve the kind; another group never does (a
    // Knative `serving.knative.dev/v1` Service is not the core `v1` Service).
    const group = (v: string) => (v.includes('/') ? v.split('/')[0] : '');
    const find = (list: ApiResource[]) =>
      list.find(
        (r) => r.kind.toLowerCase() === kind.toLowerCase() && (!apiVersion || r.apiVersion === apiVersion),
      ) ??
      list.find(
        (r) =>
          r.kind.toLowerCase() === kind.toLowerCase() &&
          (!apiVersion || group(r.apiVersion) === group(apiVersion)),
      );
    return find(await this.resources()) ?? find(await this.resources(true));
  }

  /** The URL path of a resource collection or item. */
  path(resource: ApiResource, namespace?: string, name?: string, subresource?: string): string {
    const base = resource.apiVersion.includes('/')
      ? `/apis/${resource.apiVersion}`
      : `/api/${resource.apiVersion}`;
    const ns = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    const item = name ? `/${encodeURIComponent(name)}` : '';
    return `${base}${ns}/${resource.name}${item}${subresource ? `/${subresource}` : ''}`;
  }

  private async require(kind: string, apiVersion?: string): Promise<ApiResource> {
    const resource = await this.resourceFor(kind, apiVersion);
    if (!resource)
      throw new KubeApiError(
        404,
        'NotFound',
        `the server doesn't have a resource type "${kind}"${apiVersion ? ` in ${apiVersion}` : ''}`,
      );
    return resource;
  }

  /** Reads one object; undefined when it does not exist. */
  async get(kind: string, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    const resource = await this.require(kind);
    try {
      return await this.request<KubeObject>('GET', this.path(resource, namespace, name));
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 404) return undefined;
      throw err;
    }
  }

  /** Lists objects of a kind in a namespace (all namespaces when undefined), optionally by label selector. */
  async list(
    kind: string,
    namespace: string | undefined,
    selectors: { labelSelector?: string; fieldSelector?: string } = {},
  ): Promise<KubeObject[]> {
    const resource = await this.require(kind);
    const list = await this.request<{ items: KubeObject[] }>('GET', this.path(resource, namespace), {
      query: { labelSelector: selectors.labelSelector, fieldSelector: selectors.fieldSelector },
    });
    return list.items.map((item) => ({ ...item, apiVersion: resource.apiVersion, kind: resource.kind }));
  }

  /** Creates an object (a `generateName` is honoured). */
  async create(object: KubeObject): Promise<KubeObject> {
    const resource = await this.require(object.kind ?? '', object.apiVersion);
    return this.request('POST', this.path(resource, object.metadata?.namespace), { body: object });
  }

  /** Replaces an object (PUT); the caller carries `resourceVersion` when it needs optimistic locking. */
  async replace(object: KubeObject): Promise<KubeObject> {
    const resource = await this.require(object.kind ?? '', object.apiVersion);
    return this.request('PUT', this.path(resource, object.metadata?.namespace, object.metadata?.name), {
      body: object,
    });
  }

  /** Server-side apply as `fieldManager`, forcing conflicts when `force`. */
  async apply(object: KubeObject, fieldManager: string, force: boolean): Promise<KubeObject> {
    const resource = await this.require(object.kind ?? '', object.apiVersion);
    return this.request('PATCH', this.path(resource, object.metadata?.namespace, object.metadata?.name), {
      body: object,
      contentType: PatchType.apply,
      query: { fieldManager, force: force ? true : undefined, fieldValidation: 'Strict' },
    });
  }

  /** Patches an object with one of the four patch types. */
  async patch(
    kind: string,
    namespace: string | undefined,
    name: string,
    body: unknown,
    type: PatchType,
    subresource?: string,
  ): Promise<KubeObject> {
    const resource = await this.require(kind);
    return this.request('PATCH', this.path(resource, namespace, name, subresource), {
      body,
      contentType: PatchType[type],
      query: type === 'apply' ? { fieldManager: 'spinnaker', force: true } : {},
    });
  }

  /** Deletes an object; false when it was already gone. */
  async delete(
    kind: string,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): Promise<boolean> {
    const resource = await this.require(kind);
    try {
      await this.request('DELETE', this.path(resource, namespace, name), {
        body: { kind: 'DeleteOptions', apiVersion: 'v1', ...options },
      });
      return true;
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 404) return false;
      throw err;
    }
  }

  /** The log of a pod's container (the first container when none is named). */
  async logs(namespace: string, pod: string, container?: string): Promise<string> {
    return this.request<string>(
      'GET',
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`,
      {
        query: { container },
        text: true,
      },
    );
  }
}
