import { InputError, type Identity, type StageExecution } from '@genoa/shared';
import type { TaskInput } from '../define-task.js';
import type { TaskServices } from '../../ports.js';

/** Spinnaker's task class prefix for orca-clouddriver tasks. */
export const CD = 'com.netflix.spinnaker.orca.clouddriver.tasks';

/** The stage's account (`account`, else `credentials`); a missing one is the user's mistake. */
export function accountOf(stage: StageExecution): string {
  const c = stage.context;
  const account = typeof c.account === 'string' && c.account ? c.account : c.credentials;
  if (typeof account !== 'string' || account === '')
    throw new InputError(`Stage ${stage.name ?? stage.type} has no account (set "account")`);
  return account;
}

/** The stage's cloud provider (`kubernetes` unless set). */
export const cloudProviderOf = (stage: StageExecution): string =>
  typeof stage.context.cloudProvider === 'string' && stage.context.cloudProvider
    ? stage.context.cloudProvider
    : 'kubernetes';

/** The application a manifest stage acts for: `moniker.app`, `app`, `application`, else the execution's. */
export function applicationOf(stage: StageExecution, fallback: string): string {
  const c = stage.context as { moniker?: { app?: unknown }; app?: unknown; application?: unknown };
  for (const v of [c.moniker?.app, c.app, c.application]) if (typeof v === 'string' && v) return v;
  return fallback;
}

/** Who the execution runs as (its authenticated user and allowed accounts), for clouddriver's checks. */
export function identityOf(input: TaskInput): Identity {
  const auth = input.execution.authentication as {
    user?: string | null;
    allowedAccounts?: string[] | null;
  } | null;
  return { user: auth?.user || 'anonymous', accounts: auth?.allowedAccounts ?? [] };
}

/**
 * Submits one clouddriver operation, as the execution's user, with `description` (the stage's
 * context) and returns the context keys Spinnaker writes (`kato.last.task.id`,
 * `kato.result.expected`, `deploy.account.name`).
 */
export async function submitOperation(
  services: TaskServices,
  input: TaskInput,
  operation: string,
  description: Record<string, unknown>,
  resultExpected: boolean,
): Promise<Record<string, unknown>> {
  const { stage } = input;
  const account = accountOf(stage);
  const body = [{ [operation]: { ...description, account, cloudProvider: cloudProviderOf(stage) } }];
  const ref = await services.clouddriver.submit(body, cloudProviderOf(stage), identityOf(input));
  return {
    'kato.result.expected': resultExpected,
    'kato.last.task.id': { id: ref.id },
    'deploy.account.name': account,
  };
}

/** `"kind name"` split into its parts (kind lower-cased as Spinnaker's names are). */
export function splitManifestName(name: string): { kind: string; name: string } | undefined {
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(name);
  return m ? { kind: m[1]!, name: m[2]! } : undefined;
}

/** `{namespace: ["kind name", …]}` from the context (deploy outputs or a single target). */
export function manifestNamesByNamespace(stage: StageExecution): Record<string, string[]> {
  const c = stage.context;
  const promoted = c['outputs.manifestNamesByNamespace'] ?? c.manifestNamesByNamespace;
  if (promoted && typeof promoted === 'object') return promoted as Record<string, string[]>;
  const name = c['manifest.name'] ?? c.manifestName;
  const location = c['manifest.location'] ?? c.location ?? '';
  return typeof name === 'string' ? { [String(location)]: [name] } : {};
}
