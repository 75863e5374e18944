import type { PipelineExecution } from '@genoa/shared';

/**
 * The unexpanded listing shape (TaskController `unexpandPipelineExecutions`): stage contexts
 * emptied (keeping `group`), outputs emptied, tasks dropped; a parent execution in a pipeline
 * trigger loses its stages.
 */
export function unexpanded(e: PipelineExecution): PipelineExecution {
  const trigger = e.trigger as
    (Record<string, unknown> & { parentExecution?: PipelineExecution }) | undefined;
  return {
    ...e,
    trigger: trigger?.parentExecution
      ? ({ ...trigger, parentExecution: { ...trigger.parentExecution, stages: [] } } as never)
      : e.trigger,
    stages: e.stages.map((s) => ({
      ...s,
      context: s.context.group !== undefined ? { group: s.context.group } : {},
      outputs: {},
      tasks: [],
    })),
  };
}

/** orca `GET /tasks/{id}`: the orchestration view model (edge.md §1.5.2). */
export function taskView(e: PipelineExecution) {
  const variables = new Map<string, unknown>();
  for (const stage of e.stages)
    for (const [key, value] of Object.entries(stage.context)) variables.set(key, value);
  return {
    id: e.id,
    name: e.description ?? e.name,
    application: e.application,
    status: e.status,
    variables: [...variables.entries()].map(([key, value]) => ({ key, value })),
    steps: e.stages.flatMap((s) => s.tasks ?? []),
    buildTime: e.buildTime,
    startTime: e.startTime,
    endTime: e.endTime,
    execution: e,
  };
}

/**
 * Orca's per-config selection for `GET /v2/applications/{app}/pipelines`: executions newer than
 * `days`, or for a config with nothing recent, its `oldPerConfig` newest; sorted by start time.
 */
export function selectApplicationPipelines(
  byConfig: PipelineExecution[][],
  now: number,
  days = 14,
  oldPerConfig = 2,
): PipelineExecution[] {
  const cutoff = now - days * 24 * 60 * 60 * 1000;
  const time = (e: PipelineExecution) => e.startTime ?? e.buildTime ?? 0;
  const out: PipelineExecution[] = [];
  for (const list of byConfig) {
    const recent = list.filter((e) => time(e) >= cutoff);
    out.push(
      ...(recent.length > 0 ? recent : [...list].sort((a, b) => time(b) - time(a)).slice(0, oldPerConfig)),
    );
  }
  return out.sort((a, b) => time(a) - time(b) || (a.id < b.id ? -1 : 1));
}
