import type { ManifestView } from '@genoa/shared';
import { defineTask, running, succeeded, terminal, type TaskInput } from '../define-task.js';
import { accountOf, CD, manifestNamesByNamespace } from './manifest-support.js';

/** clouddriver's manifest view is live (watch-fed), so a short poll costs little and ends waits early. */
const POLL_MS = 500;
const DEFAULT_TIMEOUT_MS = 30 * 60 * 1000;

/** The wait's timeout: the stage's `stableTimeout` (seconds), else Spinnaker's 30 minutes. */
function timeoutOf(input: TaskInput): number {
  const seconds = Number(input.stage.context.stableTimeout);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_TIMEOUT_MS;
}

/** "Deployment nginx: 1/3 replicas available, Waiting for …" for a manifest that is not stable. */
function describe(view: ManifestView): string {
  const m = view.manifest as {
    kind?: string;
    metadata?: { name?: string };
    spec?: { replicas?: number };
    status?: { availableReplicas?: number };
  };
  const parts: string[] = [];
  if (typeof m.spec?.replicas === 'number')
    parts.push(`${m.status?.availableReplicas ?? 0}/${m.spec.replicas} replicas available`);
  const reason = view.status.failed.state ? view.status.failed.message : view.status.stable.message;
  if (reason) parts.push(reason);
  return `${m.kind ?? view.name} ${m.metadata?.name ?? ''}: ${parts.join(', ') || 'not stable'}`;
}

/**
 * WaitForManifestStableTask (`waitForManifestToStabilize`): reads every manifest in
 * `outputs.manifestNamesByNamespace` from clouddriver until all are stable (SUCCEEDED) or one has
 * failed (TERMINAL with the reason: pod crash loops, image pulls, deadlines). `messages` always
 * says what is not ready yet; a timeout quotes it. A clouddriver read error leaves it RUNNING.
 */
export const waitForManifestStableTask = defineTask({
  implementingClass: `${CD}.manifest.WaitForManifestStableTask`,
  backoffMs: POLL_MS,
  timeoutMs: timeoutOf,
  overridableTimeout: true,
  async run(input, services) {
    const account = accountOf(input.stage);
    const stableManifests: { manifestName: string; location: string }[] = [];
    const failedManifests: { manifestName: string; location: string }[] = [];
    const messages: string[] = [];
    const warnings: unknown[] = [];
    for (const [location, names] of Object.entries(manifestNamesByNamespace(input.stage))) {
      for (const manifestName of names) {
        let view: ManifestView | undefined;
        try {
          view = await services.clouddriver.getManifest(account, location, manifestName);
        } catch (err) {
          services.logger.warn({ err, manifestName }, 'manifest read failed; waiting');
          return running({ messages: [`${manifestName}: ${(err as Error).message}`] });
        }
        if (!view) {
          messages.push(`${manifestName} in ${location || 'the cluster'}: not found yet`);
          continue;
        }
        warnings.push(...view.warnings);
        if (view.status.failed.state) {
          failedManifests.push({ manifestName, location });
          messages.push(describe(view));
        } else if (view.status.stable.state) stableManifests.push({ manifestName, location });
        else messages.push(describe(view));
      }
    }
    const context = { stableManifests, failedManifests, messages, warnings };
    if (failedManifests.length > 0)
      return terminal(`Manifests failed to become stable: ${messages.join('; ')}`, context, input.now);
    if (messages.length > 0) return running(context);
    return succeeded({ context });
  },
  onTimeout(input) {
    const messages = (input.stage.context.messages as string[] | undefined) ?? [];
    return terminal(
      `Timed out waiting for manifests to become stable: ${messages.join('; ') || 'no status read'}`,
      {},
      input.now,
    );
  },
});
