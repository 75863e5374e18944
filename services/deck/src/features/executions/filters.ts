import type { PipelineExecution } from '@genoa/shared';

/** The executions view's filters, as kept in the URL (`?status=RUNNING,TERMINAL&pipeline=deploy&trigger=webhook`). */
export interface ExecutionFilters {
  statuses: string[];
  pipelines: string[];
  triggerTypes: string[];
}

const list = (value: string | null): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** Reads the filters from a hash query. */
export const filtersFromQuery = (query: URLSearchParams): ExecutionFilters => ({
  statuses: list(query.get('status')),
  pipelines: list(query.get('pipeline')),
  triggerTypes: list(query.get('trigger')),
});

/** The query entries for `filters` (empty lists are left out). */
export const filtersToQuery = (filters: ExecutionFilters): Record<string, readonly string[]> => ({
  status: filters.statuses,
  pipeline: filters.pipelines,
  trigger: filters.triggerTypes,
});

/** True when no filter is set. */
export const noFilters = (f: ExecutionFilters): boolean =>
  f.statuses.length === 0 && f.pipelines.length === 0 && f.triggerTypes.length === 0;

/** `values` with `value` added or removed. */
export const toggle = (values: readonly string[], value: string): string[] =>
  values.includes(value) ? values.filter((v) => v !== value) : [...values, value];

/** The trigger type of an execution (`manual`, `webhook`, `cron`, …; `unknown` when it has none). */
export const triggerTypeOf = (execution: PipelineExecution): string => execution.trigger?.type ?? 'unknown';

/** Does `execution` pass `filters`? Each filter set is an OR of its values; filters combine with AND. */
export function matchesFilters(execution: PipelineExecution, filters: ExecutionFilters): boolean {
  if (filters.statuses.length > 0 && !filters.statuses.includes(execution.status)) return false;
  if (filters.triggerTypes.length > 0 && !filters.triggerTypes.includes(triggerTypeOf(execution)))
    return false;
  return true;
}

/** Does a pipeline named `name` pass the pipeline filter? */
export const pipelineShown = (name: string, filters: ExecutionFilters): boolean =>
  filters.pipelines.length === 0 || filters.pipelines.includes(name);

/** The distinct trigger types among `executions`, sorted (the trigger filter's choices). */
export const triggerTypesIn = (executions: readonly PipelineExecution[]): string[] =>
  [...new Set(executions.map(triggerTypeOf))].sort();
