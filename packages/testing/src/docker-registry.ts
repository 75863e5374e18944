import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { freePort } from './ports.js';
import { spawnManaged, waitForHealthy, type ManagedProcess } from './processes.js';
import { startTokenServer, type RegistryTokenAuth } from './registry-token-server.js';

export type { RegistryTokenAuth };

/** Where Debian's `docker-registry` package (CNCF distribution 2.8) puts the registry. */
export const DOCKER_REGISTRY_BINARY = '/usr/bin/docker-registry';

/** Options for {@link startDockerRegistry}. */
export interface StartDockerRegistryOptions {
  /** Where the registry POSTs its notification envelopes (pushes only; pulls are ignored). */
  notificationsUrl?: string;
  /** Sent as `Authorization: Bearer <secret>` (and `X-Webhook-Secret`) with every notification. */
  notificationSecret?: string;
  /**
   * Bearer-token auth, as Docker Hub and Harbor do it: the registry answers 401 with
   * `WWW-Authenticate: Bearer realm=…,service=…,scope=…`, and a token server (started here) issues
   * RS256 JWTs to callers that present these credentials with HTTP Basic.
   */
  auth?: RegistryTokenAuth;
}

/** A running registry. */
export interface DockerRegistryHandle {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`: the registry host as image references and clouddriver's `registry` name it. */
  host: string;
  /** The token endpoint (with `auth`). */
  tokenUrl?: string;
  /** Tokens the token server issued (with `auth`). */
  tokensIssued(): number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** True when the distribution registry binary is installed (`apt-get install docker-registry`). */
export function hasDockerRegistry(): boolean {
  try {
    execFileSync(DOCKER_REGISTRY_BINARY, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the CNCF distribution registry (`docker-registry serve <config>`) on a free port with
 * filesystem storage in a temporary directory; optionally with notifications to a URL and with
 * bearer-token auth. Stopped (and its storage removed) by `stop()`.
 */
export async function startDockerRegistry(
  options: StartDockerRegistryOptions = {},
): Promise<DockerRegistryHandle> {
  if (!hasDockerRegistry())
    throw new Error(
      `${DOCKER_REGISTRY_BINARY} was not found. Install it with \`sudo apt-get install -y docker-registry\`.`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'genoa-registry-'));
  const port = await freePort();
  const service = 'genoa-test-registry';
  const issuer = 'genoa-test-token-issuer';
  const token = options.auth ? await startTokenServer(dir, options.auth, service, issuer) : undefined;
  const config: Record<string, unknown> = {
    version: 0.1,
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: join(dir, 'data') }, delete: { enabled: true } },
    http: { addr: `127.0.0.1:${port}`, secret: randomUUID() },
  };
  if (token) config.auth = { token: { realm: token.url, service, issuer, rootcertbundle: token.certFile } };
  if (options.notificationsUrl) {
    const headers: Record<string, string[]> = {};
    if (options.notificationSecret) {
      headers.Authorization = [`Bearer ${options.notificationSecret}`];
      headers['X-Webhook-Secret'] = [options.notificationSecret];
    }
    config.notifications = {
      events: { includereferences: true },
      endpoints: [
        {
          name: 'genoa',
          url: options.notificationsUrl,
          headers,
          timeout: '2s',
          threshold: 3,
          backoff: '100ms',
          ignore: { actions: ['pull', 'mount', 'delete'] },
        },
      ],
    };
  }
  // JSON is YAML: no YAML library needed.
  const configFile = join(dir, 'config.yml');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const proc = spawnManaged(DOCKER_REGISTRY_BINARY, ['serve', configFile]);
  const url = `http://127.0.0.1:${port}`;
  try {
    // `/v2/` answers 200 without auth and 401 with token auth; either means it is up.
    await waitForHealthy(`${url}/`, proc, 15_000);
  } catch (err) {
    await proc.stop(0);
    token?.server.close();
    throw err;
  }
  return {
    url,
    host: `127.0.0.1:${port}`,
    tokenUrl: token?.url,
    tokensIssued: () => token?.issued() ?? 0,
    process: proc,
    async stop() {
      await proc.stop();
      await new Promise<void>((resolve) => (token ? token.server.close(() => resolve()) : resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Options for {@link pushImage}. */
export interface PushImageOptions {
  /** Contents of the image's layers (one small layer by default); different contents give a different digest. */
  layers?: (string | Buffer)[];
  /** Credentials for a registry with token auth. */
  auth?: RegistryTokenAuth;
  /** `oci` pushes an OCI image manifest; `docker` (default) a Docker v2 schema 2 manifest. */
  format?: 'docker' | 'oci';
}

const MEDIA = {
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
} as const;

const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** A one-file tar archive (ustar), enough for a valid image layer. */
function tarOf(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const field = (text: string, offset: number, length: number) => header.write(text, offset, length, 'ascii');
  field(name, 0, 100);
  field('0000644\0', 100, 8);
  field('0000000\0', 108, 8);
  field('0000000\0', 116, 8);
  field(`${content.length.toString(8).padStart(11, '0')}\0`, 124, 12);
  field('00000000000\0', 136, 12);
  field('        ', 148, 8);
  field('0', 156, 1);
  field('ustar\0', 257, 6);
  field('00', 263, 2);
  let sum = 0;
  for (const byte of header) sum += byte;
  field(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

/** A fetch that answers the registry's bearer challenge with a token from its realm (Basic credentials). */
function registryFetch(auth: RegistryTokenAuth | undefined) {
  let bearer: string | undefined;
  return async (url: string, init: RequestInit = {}): Promise<Response> => {
    const send = () =>
      fetch(url, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
      });
    let res = await send();
    const challenge = res.headers.get('www-authenticate');
    if (res.status !== 401 || !challenge?.startsWith('Bearer ') || !auth) return res;
    const params = Object.fromEntries(
      [...challenge.slice(7).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    const tokenUrl = new URL(params.realm!);
    if (params.service) tokenUrl.searchParams.set('service', params.service);
    if (params.scope) tokenUrl.searchParams.set('scope', params.scope);
    const basic = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
    const tokenRes = await fetch(tokenUrl, { headers: { authorization: `Basic ${basic}` } });
    if (!tokenRes.ok) throw new Error(`token server answered ${tokenRes.status}`);
    bearer = ((await tokenRes.json()) as { token: string }).token;
    res = await send();
    return res;
  };
}

/**
 * Pushes a tiny image to `registryUrl` over the registry HTTP API, as `docker push` does: each blob
 * (config, layers) by `POST /v2/<repo>/blobs/uploads/` + monolithic `PUT <location>&digest=…`, then
 * `PUT /v2/<repo>/manifests/<tag>`. Returns the manifest digest the registry reports.
 */
export async function pushImage(
  registryUrl: string,
  repository: string,
  tag: string,
  options: PushImageOptions = {},
): Promise<string> {
  const media = MEDIA[options.format ?? 'docker'];
  const call = registryFetch(options.auth);
  const base = registryUrl.replace(/\/+$/, '');
  const tars = (options.layers ?? [`${repository}:${tag} ${randomUUID()}`]).map((content, i) =>
    tarOf(`layer-${i}.txt`, Buffer.from(content)),
  );
  const layers = tars.map((t) => gzipSync(t));
  const diffIds = tars.map(sha256);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '1970-01-01T00:00:00Z',
      config: { Labels: { 'genoa.test/image': 'pushImage' } },
      rootfs: { type: 'layers', diff_ids: diffIds },
    }),
  );
  const upload = async (blob: Buffer) => {
    const digest = sha256(blob);
    const start = await call(`${base}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
    if (start.status !== 202)
      throw new Error(`blob upload start answered ${start.status}: ${await start.text()}`);
    const location = new URL(start.headers.get('location')!, base);
    location.searchParams.set('digest', digest);
    const put = await call(location.toString(), {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' }, // fetch sets content-length from the body
      body: blob,
    });
    if (put.status !== 201) throw new Error(`blob upload answered ${put.status}: ${await put.text()}`);
    return { mediaType: '', size: blob.length, digest };
  };
  const configRef = { ...(await upload(config)), mediaType: media.config };
  const layerRefs = [];
  for (const layer of layers) layerRefs.push({ ...(await upload(layer)), mediaType: media.layer });
  const manifest = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: media.manifest, config: configRef, layers: layerRefs }),
  );
  const res = await call(`${base}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: { 'content-type': media.manifest },
    body: manifest,
  });
  if (res.status !== 201) throw new Error(`manifest PUT answered ${res.status}: ${await res.text()}`);
  return res.headers.get('docker-content-digest') ?? sha256(manifest);
}
