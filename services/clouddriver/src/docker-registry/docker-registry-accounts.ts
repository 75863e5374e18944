import { mapLimit, type TaggedImage } from '@genoa/shared';
import type { Logger } from '@genoa/shared/node';
import {
  dockerRegistryCredentialsView,
  normalisedAddress,
  registryName,
  resolvePassword,
  type DockerRegistryAccount,
} from './accounts.js';
import { RegistryClient } from './registry-client.js';

/** What `/dockerRegistry/images/find` filters on (Spinnaker's `LookupOptions`). */
export interface ImageLookup {
  account?: string;
  /** Substring of `registry/repository:tag`. */
  q?: string;
  registry?: string;
  repository?: string;
  tag?: string;
  count?: number;
}

/** Digest lookups in flight per repository. */
const DIGEST_CONCURRENCY = 8;

/** One configured Docker Registry account with its API client. */
export interface DockerAccount {
  config: DockerRegistryAccount;
  registry: string;
  client: RegistryClient;
}

/**
 * clouddriver's Docker Registry provider: the configured accounts and live lookups against their
 * registries (Spinnaker caches tags every 30 s; Genoa asks the registry when asked, so a pushed tag
 * is visible at once).
 */
export class DockerRegistryAccounts {
  private readonly accounts = new Map<string, DockerAccount>();

  constructor(
    configs: readonly DockerRegistryAccount[],
    private readonly logger: Logger,
    fetchImpl?: typeof fetch,
  ) {
    for (const config of configs)
      this.accounts.set(config.name, {
        config,
        registry: registryName(config.address),
        client: new RegistryClient(
          normalisedAddress(config.address),
          { username: config.username, password: resolvePassword(config), token: config.token },
          config.clientTimeoutMillis,
          fetchImpl,
        ),
      });
  }

  /** Every account, in configuration order. */
  list(): DockerAccount[] {
    return [...this.accounts.values()];
  }

  get(name: string): DockerAccount | undefined {
    return this.accounts.get(name);
  }

  /** The repositories an account indexes: its list, else the registry catalog (filtered by `regex`), minus `skip`. */
  async repositories(account: DockerAccount): Promise<string[]> {
    const { config } = account;
    let repos = config.repositories;
    if (repos.length === 0) {
      repos = await account.client.catalog(config.paginateSize);
      if (config.regex) {
        const pattern = new RegExp(config.regex);
        repos = repos.filter((r) => pattern.test(r));
      }
    }
    return repos.filter((r) => !config.skip.includes(r));
  }

  /** The `/credentials` entry (repositories as configured; discovered ones are not listed there). */
  credentialsView(account: DockerAccount): Record<string, unknown> {
    return dockerRegistryCredentialsView(account.config, account.config.repositories);
  }

  /** A repository's tags, sorted by name (Spinnaker's default order). */
  async tags(account: DockerAccount, repository: string): Promise<string[]> {
    return (await account.client.tags(repository, account.config.paginateSize)).sort();
  }

  /** The tagged images of one account matching `lookup`, with digests when the account tracks them. */
  async images(account: DockerAccount, lookup: ImageLookup): Promise<TaggedImage[]> {
    const repos = (await this.repositories(account)).filter(
      (r) => !lookup.repository || r === lookup.repository,
    );
    const out: TaggedImage[] = [];
    for (const repository of repos) {
      let tags = await this.tags(account, repository);
      if (lookup.tag) tags = tags.filter((t) => t === lookup.tag);
      if (lookup.q) tags = tags.filter((t) => `${account.registry}/${repository}:${t}`.includes(lookup.q!));
      const digests = account.config.trackDigests
        ? await mapLimit(tags, DIGEST_CONCURRENCY, (t) => account.client.digest(repository, t))
        : [];
      tags.forEach((tag, i) => out.push(taggedImage(account, repository, tag, digests[i])));
    }
    return out;
  }

  /**
   * `/dockerRegistry/images/find`: images of the named account (its registry failing is an error),
   * or of every account (a failing registry is skipped and logged, as a cache would simply lack it).
   */
  async find(lookup: ImageLookup): Promise<TaggedImage[]> {
    const accounts = this.list().filter(
      (a) =>
        (!lookup.account || a.config.name === lookup.account) &&
        (!lookup.registry || a.registry === lookup.registry),
    );
    const results = await Promise.all(
      accounts.map((a) =>
        this.images(a, lookup).catch((err: unknown) => {
          if (lookup.account) throw err;
          this.logger.warn({ err, account: a.config.name }, 'docker registry lookup failed');
          return [];
        }),
      ),
    );
    const all = results.flat();
    return lookup.count ? all.slice(0, lookup.count) : all;
  }
}

/** One find result in Spinnaker's shape, with its `docker` artifact. */
function taggedImage(
  account: DockerAccount,
  repository: string,
  tag: string,
  digest: string | undefined,
): TaggedImage {
  return {
    account: account.config.name,
    registry: account.registry,
    repository,
    tag,
    ...(digest ? { digest } : {}),
    artifact: {
      type: 'docker',
      name: repository,
      version: tag,
      reference: `${account.registry}/${repository}:${tag}`,
      metadata: { registry: account.registry },
    },
  };
}
