import type { Pipeline } from '@genoa/shared';
import { useEffect, useState } from 'react';
import { getPipelineConfigs } from '../../api/executions.js';
import { AppNav } from '../../app/AppNav.js';
import { hrefTo } from '../../app/router.js';
import { replaceHash, useHashQuery } from '../../app/useHashPath.js';
import { StageGraph } from '../../components/StageGraph.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { ExecutionActions } from '../executions/ExecutionActions.js';
import { executionHref, triggeredBy } from '../executions/ExecutionRow.js';
import { LiveIndicator } from '../executions/LiveIndicator.js';
import {
  elapsed,
  formatDuration,
  pendingJudgment,
  stageFailureMessages,
  statusLabel,
  statusTone,
  visibleStages,
} from '../executions/executionView.js';
import { GateErrorPanel } from '../suite-status/GateErrorPanel.js';
import { ExpressionPanel } from './ExpressionPanel.js';
import { StagePanel } from './StagePanel.js';
import { TriggerDetails } from './TriggerDetails.js';
import { useExecution } from './useExecution.js';

/** Props of {@link ExecutionDetailsPage}. */
export interface ExecutionDetailsPageProps {
  application: string;
  executionId: string;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * `#/applications/{app}/executions/{id}?stage={stageId}`: one execution, live — its stage graph,
 * the selected stage (failure first, tasks with timing, context and outputs, stage actions), the
 * trigger with parameters and artifacts, and the execution's actions.
 */
export function ExecutionDetailsPage({ application, executionId }: ExecutionDetailsPageProps) {
  const { execution, error, refresh, mode, checkedAt } = useExecution(application, executionId);
  const [pipeline, setPipeline] = useState<(Pipeline & { name: string }) | undefined>();
  const [actionError, setActionError] = useState<string>();
  const query = useHashQuery();
  const configId = execution?.pipelineConfigId;
  useEffect(() => {
    if (!configId) return;
    const controller = new AbortController();
    getPipelineConfigs(application, controller.signal).then(
      (configs) =>
        setPipeline(configs.find((p): p is Pipeline & { name: string } => p.id === configId && !!p.name)),
      () => undefined,
    );
    return () => controller.abort();
  }, [application, configId]);

  if (!execution) {
    return (
      <>
        <h1 tabIndex={-1}>Execution {executionId}</h1>
        <GateErrorPanel errors={error ? [error] : []} />
        {error ? null : <p className="muted">Loading execution…</p>}
      </>
    );
  }
  const stages = visibleStages(execution);
  const failed = stages.find((s) => stageFailureMessages(s).length > 0);
  const selectedId = query.get('stage') ?? pendingJudgment(execution)?.id ?? failed?.id ?? stages[0]?.id;
  const selected = execution.stages.find((s) => s.id === selectedId);
  const started = execution.startTime ?? execution.buildTime;
  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>
          <span className="muted">{application} /</span> {execution.name ?? execution.id}
        </h1>
        <StatusBadge tone={statusTone(execution.status)} label={statusLabel(execution.status)} />
        <LiveIndicator mode={mode} />
      </div>
      <AppNav application={application} current="executions" />
      <GateErrorPanel errors={error ? [error] : []} />
      <section className="card" aria-label="Execution summary" data-testid="execution-summary">
        <dl className="facts">
          <dt>Status</dt>
          <dd data-testid="execution-status">{statusLabel(execution.status)}</dd>
          <dt>Triggered by</dt>
          <dd>{triggeredBy(execution)}</dd>
          <dt>Started</dt>
          <dd>{started ? timeFormat.format(new Date(started)) : 'not started'}</dd>
          <dt>Duration</dt>
          <dd>{formatDuration(elapsed(execution, checkedAt))}</dd>
          <dt>Id</dt>
          <dd>
            <a href={executionHref(application, execution.id)}>
              <code>{execution.id}</code>
            </a>
          </dd>
          {execution.cancellationReason ? (
            <>
              <dt>Cancelled</dt>
              <dd>
                by {execution.canceledBy ?? 'unknown'}: {execution.cancellationReason}
              </dd>
            </>
          ) : null}
        </dl>
        <div className="form__actions">
          <ExecutionActions
            application={application}
            execution={execution}
            pipeline={pipeline}
            onChanged={refresh}
            onError={setActionError}
          />
          <a href={hrefTo(`/applications/${encodeURIComponent(application)}/executions`)}>All executions</a>
        </div>
        {actionError ? (
          <p className="field__error" role="alert">
            {actionError}
          </p>
        ) : null}
      </section>
      <StageGraph
        label="Stage graph"
        selected={selectedId}
        onSelect={(id) => replaceHash(executionHref(application, execution.id, id))}
        stages={stages.map((s) => ({
          key: s.id,
          refId: s.refId,
          requisiteStageRefIds: s.requisiteStageRefIds,
          label: s.name ?? s.type,
          type: s.type,
          status: s.status,
          detail: formatDuration(elapsed(s, checkedAt)),
        }))}
      />
      {selected ? (
        <StagePanel execution={execution} stage={selected} now={checkedAt} onChanged={refresh} />
      ) : null}
      <TriggerDetails execution={execution} />
      <ExpressionPanel executionId={execution.id} />
    </>
  );
}
