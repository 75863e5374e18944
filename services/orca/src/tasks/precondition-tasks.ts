import { defineTask, succeeded, terminal } from './define-task.js';

/** ExpressionPreconditionTask: SUCCEEDED when `context.expression` (bare SpEL, default "false") is true. */
export const expressionPreconditionTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.pipeline.tasks.ExpressionPreconditionTask',
  backoffMs: 1000,
  timeoutMs: 30_000,
  async run(input, services) {
    const { context } = input.stage;
    const raw = context.expression ?? 'false';
    const scope = {
      execution: input.execution,
      stage: input.stage,
    };
    let result: unknown = raw;
    let summary: Record<string, unknown> = {};
    if (typeof raw === 'string') {
      const out = raw.includes('${')
        ? await services.expressions.evaluateTree(raw, scope, input.now)
        : await services.expressions.evaluateExpression(raw, scope, input.now);
      result = out.value;
      summary = out.summary;
    }
    const ok = result === true || result === 'true';
    const ctx = {
      expressionResult: String(result ?? 'false'),
      ...(Object.keys(summary).length ? { expressionEvaluationSummary: summary } : {}),
    };
    if (ok) return succeeded({ context: ctx });
    const message =
      typeof context.failureMessage === 'string' && context.failureMessage !== ''
        ? context.failureMessage
        : `Expression "${String(raw)}" evaluated to ${String(result ?? 'false')}`;
    return terminal(message, ctx, input.now);
  },
});

/** StageStatusPreconditionTask: the named stage must have the asserted status. */
export const stageStatusPreconditionTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.pipeline.tasks.StageStatusPreconditionTask',
  backoffMs: 1000,
  timeoutMs: 30_000,
  run(input) {
    const { stageName, stageStatus } = input.stage.context as { stageName?: string; stageStatus?: string };
    const target = input.execution.stages.find((s) => s.name === stageName);
    if (!target) return terminal(`Failed to find stage named "${String(stageName)}"`, {}, input.now);
    if (target.status === stageStatus) return succeeded();
    return terminal(
      `The status of stage "${stageName}" was asserted to be ${String(stageStatus)}, but was ${target.status}`,
      {},
      input.now,
    );
  },
});

const COMPARISONS: Record<string, (actual: number, expected: number) => boolean> = {
  '==': (a, e) => a === e,
  '<': (a, e) => a < e,
  '>': (a, e) => a > e,
  '<=': (a, e) => a <= e,
  '>=': (a, e) => a >= e,
};

/**
 * ClusterSizePreconditionTask: counts the server groups of `cluster` (or `moniker.cluster`) in
 * clouddriver's cluster view, per region (namespace) of `regions`, and compares each count with
 * `expected` (default 1) by `comparison` (default "=="); `onlyEnabledServerGroups` skips disabled
 * ones; `credentials` is the account.
 */
export const clusterSizePreconditionTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.clouddriver.tasks.cluster.ClusterSizePreconditionTask',
  backoffMs: 5000,
  timeoutMs: 30_000,
  async run(input, services) {
    const c = input.stage.context as {
      cluster?: string;
      moniker?: { app?: string; cluster?: string };
      credentials?: string;
      account?: string;
      regions?: string[];
      comparison?: string;
      expected?: number | string;
      onlyEnabledServerGroups?: boolean;
      cloudProvider?: string;
    };
    const cluster = c.cluster ?? c.moniker?.cluster;
    const account = c.credentials ?? c.account;
    const comparison = c.comparison ?? '==';
    const compare = COMPARISONS[comparison];
    const expected = c.expected === undefined ? 1 : Number(c.expected);
    if (!cluster || !account || !compare || !Number.isInteger(expected))
      return terminal(
        `clusterSize needs cluster, credentials, comparison (==, <, >, <=, >=) and an integer expected; got cluster=${String(cluster)}, credentials=${String(account)}, comparison=${comparison}, expected=${String(c.expected)}`,
        {},
        input.now,
      );
    const app = c.moniker?.app ?? input.execution.application;
    const view = await services.clouddriver.getCluster(
      app,
      account,
      cluster,
      c.cloudProvider ?? 'kubernetes',
    );
    const groups = (view?.serverGroups ?? []).filter((g) => !(c.onlyEnabledServerGroups && g.disabled));
    const regions = c.regions?.length
      ? c.regions
      : [...new Set(groups.map((g) => g.region ?? g.namespace ?? ''))];
    const failures = regions.flatMap((region) => {
      const actual = groups.filter((g) => (g.region ?? g.namespace) === region).length;
      return compare(actual, expected)
        ? []
        : [`${region}: ${actual} server groups (expected ${comparison} ${expected})`];
    });
    if (regions.length === 0 && !compare(0, expected))
      failures.push(`no server groups (expected ${comparison} ${expected})`);
    if (failures.length === 0) return succeeded();
    return terminal(
      `Precondition failed: cluster ${cluster} in ${account}: ${failures.join('; ')}`,
      {},
      input.now,
    );
  },
});
