import {
  makeInformer,
  type Informer,
  type KubernetesListObject,
  type KubernetesObject,
  type ObjectCache,
} from '@kubernetes/client-node';
import type { Logger } from '@genoa/shared/node';
import { isKindAllowed, isNamespaceAllowed } from '../domain/accounts.js';
import { Annotation } from '../domain/annotations.js';
import { InfrastructureSnapshot, type CachedObject } from '../domain/infrastructure.js';
import type { KubeObject } from '../domain/kube-object.js';
import { cachedKinds } from '../kinds/index.js';
import type { Account, AccountRegistry } from './accounts.js';

interface Watched {
  account: Account;
  kind: string;
  informer: Informer<KubernetesObject> & ObjectCache<KubernetesObject>;
  synced: boolean;
  stopped: boolean;
}

/** How fresh the cache is for some accounts. */
export interface Freshness {
  /** Milliseconds since the newest event (or initial list) the cache applied. */
  ageMs: number;
  /** ISO time of that event. */
  lastEventAt: string | null;
  synced: boolean;
}

/**
 * The infrastructure cache: one informer (list + watch) per account per cached kind (per namespace
 * when the account has a namespace allow-list), kept in memory. No polling: views read the
 * informers' stores, which the watches keep current within milliseconds of a change.
 */
export class LiveCache {
  private readonly watched: Watched[] = [];
  private readonly lastEvent = new Map<string, number>();
  private readonly listeners = new Set<(change?: CachedObject) => void>();
  /** Bumped by every applied event: a snapshot is rebuilt only when the cache has changed since. */
  private generation = 0;
  private readonly snapshots = new Map<string, { generation: number; snapshot: InfrastructureSnapshot }>();

  constructor(
    private readonly accounts: AccountRegistry,
    private readonly logger: Logger,
  ) {}

  /** Starts every informer; resolves when each has made its initial list (or failed to, then it retries). */
  async start(): Promise<void> {
    const starts: Promise<void>[] = [];
    for (const account of this.accounts.list()) {
      for (const handler of cachedKinds()) {
        if (!isKindAllowed(account.config, handler.kind)) continue;
        const namespaces = account.config.namespaces.length > 0 ? account.config.namespaces : [undefined];
        for (const namespace of namespaces) starts.push(this.watch(account, handler.kind, namespace));
      }
    }
    await Promise.all(starts);
  }

  private async watch(account: Account, kind: string, namespace: string | undefined): Promise<void> {
    let resource;
    try {
      resource = await account.client.resourceFor(kind);
    } catch (err) {
      this.logger.warn({ err, account: account.name, kind }, 'cache discovery failed');
      setTimeout(() => void this.watch(account, kind, namespace), 2_000).unref();
      return;
    }
    if (!resource) return;
    const path = account.client.path(resource, namespace);
    const list = async () => {
      const body = await account.client.request<KubernetesListObject<KubernetesObject>>('GET', path);
      for (const item of body.items)
        Object.assign(item, { apiVersion: resource.apiVersion, kind: resource.kind });
      return body;
    };
    const informer = makeInformer(account.client.kubeConfig, path, list);
    const entry: Watched = { account, kind, informer, synced: false, stopped: false };
    this.watched.push(entry);
    const touch = (object?: KubernetesObject) => {
      if (object && !object.kind)
        Object.assign(object, { apiVersion: resource.apiVersion, kind: resource.kind });
      this.generation += 1;
      this.lastEvent.set(account.name, Date.now());
      const change = object ? { account: account.name, object: object as KubeObject } : undefined;
      for (const listener of this.listeners) listener(change);
    };
    informer.on('add', touch);
    informer.on('update', touch);
    informer.on('delete', touch);
    informer.on('error', (err: unknown) => {
      if (entry.stopped) return;
      this.logger.warn({ err, account: account.name, kind }, 'informer failed; restarting');
      setTimeout(() => {
        if (!entry.stopped) informer.start().catch(() => undefined);
      }, 1_000).unref();
    });
    try {
      await informer.start();
      entry.synced = true;
      touch();
    } catch (err) {
      this.logger.warn({ err, account: account.name, kind }, 'informer initial list failed; retrying');
      // The error listener restarts it; mark synced once a later start succeeds.
      informer.on('connect', () => void (entry.synced = true));
    }
  }

  /** Stops every informer. */
  async stop(): Promise<void> {
    for (const w of this.watched) w.stopped = true;
    await Promise.all(this.watched.map((w) => w.informer.stop().catch(() => undefined)));
  }

  /** The informers that have not finished their initial list, as `account/kind`. */
  unsynced(): string[] {
    return this.watched.filter((w) => !w.synced).map((w) => `${w.account.name}/${w.kind}`);
  }

  /** Calls `listener` after each applied event, with the object it changed (for tests and live updates). */
  onChange(listener: (change?: CachedObject) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Everything cached (optionally for one account), filtered by each account's namespaces and rules.
   * Views share one snapshot (and its indexes) until the next watch event, instead of rebuilding it
   * per request.
   */
  snapshot(accountName?: string): InfrastructureSnapshot {
    const key = accountName ?? '';
    const memo = this.snapshots.get(key);
    if (memo?.generation === this.generation) return memo.snapshot;
    const snapshot = this.buildSnapshot(accountName);
    this.snapshots.set(key, { generation: this.generation, snapshot });
    return snapshot;
  }

  private buildSnapshot(accountName?: string): InfrastructureSnapshot {
    const items: CachedObject[] = [];
    for (const w of this.watched) {
      if (accountName && w.account.name !== accountName) continue;
      const { config } = w.account;
      for (const raw of w.informer.list()) {
        const object = raw as KubeObject;
        const annotations = object.metadata?.annotations ?? {};
        if (annotations[Annotation.CACHING_IGNORE] === 'true') continue;
        if (config.onlySpinnakerManaged && !annotations[Annotation.APPLICATION]) continue;
        if (object.metadata?.namespace && !isNamespaceAllowed(config, object.metadata.namespace)) continue;
        items.push({ account: w.account.name, object });
      }
    }
    return new InfrastructureSnapshot(items);
  }

  /** How fresh the cache is (for the given accounts, or all). */
  freshness(accountNames?: string[]): Freshness {
    const names = accountNames ?? this.accounts.list().map((a) => a.name);
    const times = names.map((n) => this.lastEvent.get(n) ?? 0);
    const newest = Math.max(0, ...times);
    return {
      ageMs: newest === 0 ? -1 : Date.now() - newest,
      lastEventAt: newest === 0 ? null : new Date(newest).toISOString(),
      synced: this.watched.filter((w) => names.includes(w.account.name)).every((w) => w.synced),
    };
  }
}
