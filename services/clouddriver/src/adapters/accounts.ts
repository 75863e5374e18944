import { KubeConfig } from '@kubernetes/client-node';
import { InputError, NotFoundError } from '@genoa/shared';
import type { AccountConfig } from '../domain/accounts.js';
import { KubeClient } from './kube-client.js';

/** A configured account with its Kubernetes client. */
export interface Account {
  name: string;
  config: AccountConfig;
  client: KubeClient;
}

/** Loads the kubeconfig of an account and selects its context; throws naming the account when it cannot. */
export function loadKubeConfig(config: AccountConfig): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (config.kubeconfigContents) kc.loadFromString(config.kubeconfigContents);
    else if (config.kubeconfigFile) kc.loadFromFile(config.kubeconfigFile);
    else kc.loadFromDefault();
  } catch (err) {
    throw new Error(`account ${config.name}: cannot read its kubeconfig: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (config.context) {
    if (!kc.getContexts().some((c) => c.name === config.context))
      throw new Error(`account ${config.name}: context "${config.context}" is not in its kubeconfig`);
    kc.setCurrentContext(config.context);
  }
  if (!kc.getCurrentCluster())
    throw new Error(`account ${config.name}: its kubeconfig has no current cluster`);
  return kc;
}

/** The accounts clouddriver serves, by name. */
export class AccountRegistry {
  private readonly accounts = new Map<string, Account>();

  constructor(configs: readonly AccountConfig[], requestTimeoutMs: number) {
    for (const config of configs)
      this.accounts.set(config.name, {
        name: config.name,
        config,
        client: new KubeClient(loadKubeConfig(config), requestTimeoutMs),
      });
  }

  /** Every account, in configuration order. */
  list(): Account[] {
    return [...this.accounts.values()];
  }

  get(name: string): Account | undefined {
    return this.accounts.get(name);
  }

  /** The account for an operation; an unknown name is the caller's mistake (400, naming the known ones). */
  requireForOperation(name: string, path: string): Account {
    const account = this.accounts.get(name);
    if (!account) {
      const message = `Unknown account "${name}" (known accounts: ${[...this.accounts.keys()].join(', ')})`;
      throw new InputError(message, [{ path, message }]);
    }
    return account;
  }

  /** The account for a view; an unknown name is a 404. */
  requireForView(name: string): Account {
    const account = this.accounts.get(name);
    if (!account) throw new NotFoundError(`Account "${name}" not found`);
    return account;
  }
}
