import { ServiceUnavailableError, UpstreamError } from '@genoa/shared';

/** Media types accepted when resolving a tag's digest (the digest a push reports is the manifest's). */
const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** The parameters of a `WWW-Authenticate: Bearer realm=…,service=…,scope=…` challenge. */
export interface BearerChallenge {
  realm: string;
  service?: string;
  scope?: string;
}

/** Parses a Bearer challenge (RFC 7235 auth-params, quoted or bare); undefined for other schemes or no realm. */
export function parseBearerChallenge(header: string | null): BearerChallenge | undefined {
  if (!header || !/^bearer\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/([A-Za-z]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/g))
    params[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? '';
  if (!params.realm) return undefined;
  return { realm: params.realm, service: params.service, scope: params.scope };
}

/** How a client authenticates: HTTP Basic (also presented to token realms) or a static bearer token. */
export interface RegistryCredentials {
  username?: string;
  password?: string;
  token?: string;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * A Docker Registry HTTP API v2 client: Basic credentials, a static bearer token, or the bearer
 * challenge flow (401 + `WWW-Authenticate: Bearer realm,service,scope` → `GET realm?service&scope`
 * with Basic → `{token | access_token, expires_in}`, cached per scope until it expires).
 */
export class RegistryClient {
  private readonly tokens = new Map<string, CachedToken>();

  constructor(
    private readonly address: string,
    private readonly credentials: RegistryCredentials,
    private readonly timeoutMs: number,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private basic(): string | undefined {
    const { username, password } = this.credentials;
    if (!username) return undefined;
    return `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
  }

  private async send(url: string, method: string, headers: Record<string, string>): Promise<Response> {
    try {
      return await this.fetchImpl(url, { method, headers, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new ServiceUnavailableError(
        `registry ${this.address} is unreachable: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
  }

  private async fetchToken(challenge: BearerChallenge): Promise<string> {
    const url = new URL(challenge.realm);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    if (challenge.scope) url.searchParams.set('scope', challenge.scope);
    const basic = this.basic();
    const res = await this.send(url.toString(), 'GET', basic ? { authorization: basic } : {});
    if (!res.ok)
      throw new UpstreamError(`registry token service ${url.origin} answered ${res.status}`, res.status);
    const body = (await res.json()) as { token?: string; access_token?: string; expires_in?: number };
    const token = body.token ?? body.access_token;
    if (!token) throw new UpstreamError(`registry token service ${url.origin} returned no token`);
    // Spinnaker's default lifetime is 60 s when the service says nothing; renew a little early.
    const ttl = Math.max(10, body.expires_in ?? 60) * 1000 - 5_000;
    this.tokens.set(challenge.scope ?? '', { token, expiresAt: Date.now() + ttl });
    return token;
  }

  /** One authenticated request to `path` (under the address); answers the bearer challenge once. */
  async request(
    path: string,
    options: { method?: string; accept?: string; scope?: string } = {},
  ): Promise<Response> {
    const url = `${this.address}${path}`;
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = {
      'user-agent': 'Spinnaker-Clouddriver',
      accept: options.accept ?? 'application/json',
    };
    const cached = this.tokens.get(options.scope ?? '');
    if (cached && cached.expiresAt > Date.now()) headers.authorization = `Bearer ${cached.token}`;
    else if (this.credentials.token) headers.authorization = `Bearer ${this.credentials.token}`;
    else if (this.basic()) headers.authorization = this.basic()!;
    const first = await this.send(url, method, headers);
    if (first.status !== 401) return first;
    const challenge = parseBearerChallenge(first.headers.get('www-authenticate'));
    if (!challenge) return first;
    await first.body?.cancel();
    const token = await this.fetchToken({ ...challenge, scope: challenge.scope ?? options.scope });
    return this.send(url, method, { ...headers, authorization: `Bearer ${token}` });
  }

  private async json<T>(path: string, scope: string): Promise<{ body: T; next?: string } | undefined> {
    const res = await this.request(path, { scope });
    if (res.status === 404) return undefined;
    if (!res.ok)
      throw new UpstreamError(`registry ${this.address} answered ${res.status} to GET ${path}`, res.status);
    const link = res.headers.get('link')?.match(/<([^>]+)>\s*;\s*rel="?next"?/)?.[1];
    return { body: (await res.json()) as T, next: link };
  }

  /** Every repository of the registry (`GET /v2/_catalog`, following `Link` pages). */
  async catalog(pageSize: number): Promise<string[]> {
    const out: string[] = [];
    let path: string | undefined = `/v2/_catalog?n=${pageSize}`;
    while (path) {
      const page: { body: { repositories?: string[] | null }; next?: string } | undefined = await this.json(
        path,
        'registry:catalog:*',
      );
      if (!page)
        throw new UpstreamError(`registry ${this.address} does not support /v2/_catalog; list repositories`);
      out.push(...(page.body.repositories ?? []));
      path = page.next
        ? new URL(page.next, this.address).pathname + new URL(page.next, this.address).search
        : undefined;
    }
    return out;
  }

  /** A repository's tags (`GET /v2/<repo>/tags/list`, following `Link` pages); [] for an unknown repository. */
  async tags(repository: string, pageSize: number): Promise<string[]> {
    const out: string[] = [];
    let path: string | undefined = `/v2/${repository}/tags/list?n=${pageSize}`;
    while (path) {
      const page: { body: { tags?: string[] | null }; next?: string } | undefined = await this.json(
        path,
        `repository:${repository}:pull`,
      );
      if (!page) return out;
      out.push(...(page.body.tags ?? []));
      path = page.next
        ? new URL(page.next, this.address).pathname + new URL(page.next, this.address).search
        : undefined;
    }
    return out;
  }

  /** The manifest digest a tag points at (`HEAD /v2/<repo>/manifests/<tag>` → `Docker-Content-Digest`). */
  async digest(repository: string, tag: string): Promise<string | undefined> {
    const res = await this.request(`/v2/${repository}/manifests/${encodeURIComponent(tag)}`, {
      method: 'HEAD',
      accept: MANIFEST_TYPES,
      scope: `repository:${repository}:pull`,
    });
    if (res.status === 404) return undefined;
    if (!res.ok)
      throw new UpstreamError(
        `registry ${this.address} answered ${res.status} to HEAD ${repository}:${tag}`,
        res.status,
      );
    return res.headers.get('docker-content-digest') ?? undefined;
  }
}
