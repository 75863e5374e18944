import { InputError, type Artifact, type StageExecution } from '@genoa/shared';
import { defineTask, succeeded } from '../define-task.js';
import {
  manifestArtifactOf,
  manifestsFromArtifact,
  requiredArtifacts,
  visibleArtifacts,
} from './artifacts.js';
import { accountOf, applicationOf, CD, splitManifestName, submitOperation } from './manifest-support.js';

/** Nested lists (from SpEL) flattened into one list of manifests. */
const flatten = (v: unknown): unknown[] =>
  Array.isArray(v) ? v.flatMap(flatten) : v === undefined || v === null ? [] : [v];

/**
 * ResolveDeploySourceManifestTask: the manifests to deploy (inline `manifests`, or read from the
 * `manifestArtifactId` / `manifestArtifact` artifact when `source` is "artifact"), the required
 * artifacts bound to their expected artifacts, and every visible artifact as optional.
 */
export const resolveDeploySourceManifestTask = defineTask({
  implementingClass: `${CD}.manifest.ResolveDeploySourceManifestTask`,
  backoffMs: 1000,
  timeoutMs: 60_000,
  run(input) {
    const { execution, stage } = input;
    const manifests =
      stage.context.source === 'artifact'
        ? manifestsFromArtifact(manifestArtifactOf(execution, stage))
        : flatten(stage.context.manifests);
    if (manifests.length === 0) throw new InputError('No manifests to deploy (set "manifests")');
    const values = {
      manifests,
      requiredArtifacts: requiredArtifacts(execution, stage),
      optionalArtifacts: visibleArtifacts(execution, stage),
    };
    return succeeded({ context: values, outputs: values });
  },
});

/** Traffic management's strategy as clouddriver's enum name. */
const STRATEGIES: Record<string, string> = {
  redblack: 'RED_BLACK',
  bluegreen: 'BLUE_GREEN',
  highlander: 'HIGHLANDER',
  none: 'NONE',
};

interface TrafficManagement {
  enabled?: boolean;
  options?: { enableTraffic?: boolean; services?: string[]; strategy?: string };
}

/** The stage's traffic management, when enabled. */
export const trafficOf = (stage: StageExecution): TrafficManagement | undefined => {
  const t = stage.context.trafficManagement as TrafficManagement | undefined;
  return t?.enabled === true ? t : undefined;
};

/**
 * DeployManifestTask: posts `deployManifest` with the whole stage context (source "text", the
 * resolved manifests and artifacts, the moniker's app); with traffic management, `services`,
 * `enableTraffic` and the strategy's enum name.
 */
export const deployManifestTask = defineTask({
  implementingClass: `${CD}.manifest.DeployManifestTask`,
  backoffMs: 1000,
  timeoutMs: 5 * 60 * 1000,
  sideEffects: true,
  async run(input, services) {
    const { stage, execution } = input;
    const c = stage.context;
    const traffic = trafficOf(stage);
    const moniker = { ...((c.moniker as Record<string, unknown>) ?? {}) };
    moniker.app ??= applicationOf(stage, execution.application);
    const description = {
      ...c,
      source: 'text',
      moniker,
      ...(traffic
        ? {
            services: traffic.options?.services ?? [],
            enableTraffic: traffic.options?.enableTraffic ?? false,
            strategy: STRATEGIES[String(traffic.options?.strategy ?? 'none')] ?? 'NONE',
          }
        : { enableTraffic: true }),
    };
    return succeeded({
      context: await submitOperation(services, input, 'deployManifest', description, true),
    });
  },
});

/** CleanupArtifactsTask: posts `cleanupArtifacts` for the deployed manifests (max-version-history). */
export const cleanupArtifactsTask = defineTask({
  implementingClass: `${CD}.artifacts.CleanupArtifactsTask`,
  backoffMs: 1000,
  timeoutMs: 5 * 60 * 1000,
  sideEffects: true,
  async run(input, services) {
    const manifests = (input.stage.context['outputs.manifests'] as unknown[]) ?? [];
    const context = await submitOperation(services, input, 'cleanupArtifacts', { manifests }, false);
    return succeeded({ context });
  },
});

const matchesArtifact = (match: Artifact | undefined, a: Artifact) =>
  !!match &&
  (['type', 'name'] as const).every(
    (k) => !match[k] || new RegExp(`^(?:${match[k]})$`).test(String(a[k] ?? '')),
  );

/**
 * BindProducedArtifactsTask: binds the stage's own `expectedArtifacts` to what it produced
 * (`outputs.createdArtifacts` / `outputs.boundArtifacts`, or a default), outputting `artifacts`
 * and `resolvedExpectedArtifacts`.
 */
export const bindProducedArtifactsTask = defineTask({
  implementingClass: `${CD}.artifacts.BindProducedArtifactsTask`,
  backoffMs: 1000,
  timeoutMs: 60_000,
  run(input) {
    const c = input.stage.context;
    const expected = (c.expectedArtifacts as Record<string, unknown>[] | undefined) ?? [];
    if (expected.length === 0) return succeeded();
    const produced = [
      ...((c['outputs.createdArtifacts'] as Artifact[]) ?? []),
      ...((c['outputs.boundArtifacts'] as Artifact[]) ?? []),
      ...((c.artifacts as Artifact[]) ?? []),
    ];
    const resolved = expected.map((e) => {
      const bound =
        produced.find((a) => matchesArtifact(e.matchArtifact as Artifact, a)) ??
        (e.useDefaultArtifact ? (e.defaultArtifact as Artifact) : undefined);
      return { ...e, boundArtifact: bound };
    });
    const artifacts = [...produced, ...resolved.flatMap((r) => (r.boundArtifact ? [r.boundArtifact] : []))];
    const values = { artifacts: [...new Set(artifacts)], resolvedExpectedArtifacts: resolved };
    return succeeded({ context: values, outputs: values });
  },
});

/**
 * Genoa's stand-in for the clouddriver look-up Spinnaker's DeployManifestStage does when planning
 * its after-stages: with traffic management (redblack, bluegreen, highlander), the other
 * ReplicaSets of each deployed ReplicaSet's cluster, stored as `strategyTargets` for the stage's
 * synthetic disableManifest / deleteManifest after-stages.
 */
export const findStrategyTargetsTask = defineTask({
  implementingClass: 'io.genoa.orca.clouddriver.tasks.manifest.FindStrategyTargetsTask',
  backoffMs: 1000,
  timeoutMs: 60_000,
  async run(input, services) {
    const { stage, execution } = input;
    const strategy = trafficOf(stage)?.options?.strategy;
    if (!strategy || strategy === 'none') return succeeded();
    const account = accountOf(stage);
    const app = applicationOf(stage, execution.application);
    const deployed = (stage.context['outputs.manifestNamesByNamespace'] as Record<string, string[]>) ?? {};
    const targets: { manifestName: string; location: string }[] = [];
    for (const [location, names] of Object.entries(deployed)) {
      for (const name of names) {
        const parsed = splitManifestName(name);
        if (parsed?.kind !== 'replicaSet') continue;
        const cluster = `replicaSet ${parsed.name.replace(/-v\d{3}$/, '')}`;
        const members = await services.clouddriver.clusterManifests(
          account,
          location,
          'replicaSet',
          app,
          cluster,
        );
        for (const m of members)
          if (m.name !== parsed.name) targets.push({ manifestName: `replicaSet ${m.name}`, location });
      }
    }
    return succeeded({ context: { strategyTargets: targets } });
  },
});
