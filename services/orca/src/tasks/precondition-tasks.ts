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

/** ClusterSizePreconditionTask: needs clouddriver's cluster view, which Genoa's orca cannot reach yet. */
export const clusterSizePreconditionTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.clouddriver.tasks.cluster.ClusterSizePreconditionTask',
  backoffMs: 5000,
  timeoutMs: 30_000,
  run(input) {
    return terminal(
      'The clusterSize precondition needs clouddriver (cluster server groups), which this orca is not connected to yet',
      {},
      input.now,
    );
  },
});
