import type { Pipeline, PipelineExecution } from '@genoa/shared';
import { hrefTo } from '../../app/router.js';
import { GateErrorPanel } from '../suite-status/GateErrorPanel.js';
import { PipelineGroup } from './PipelineGroup.js';
import { useExecutions } from './useExecutions.js';

/** Props of {@link ExecutionsPage}. */
export interface ExecutionsPageProps {
  application: string;
}

/** Executions grouped by pipeline config (matched by id, else by name), newest first. */
function groupExecutions(pipelines: readonly Pipeline[], executions: readonly PipelineExecution[]) {
  return pipelines
    .filter((pipeline): pipeline is Pipeline & { name: string } => typeof pipeline.name === 'string')
    .map((pipeline) => ({
      pipeline,
      executions: executions
        .filter((execution) =>
          pipeline.id && execution.pipelineConfigId
            ? execution.pipelineConfigId === pipeline.id
            : execution.name === pipeline.name,
        )
        .sort((a, b) => (b.startTime ?? b.buildTime ?? 0) - (a.startTime ?? a.buildTime ?? 0)),
    }));
}

/** `#/applications/{app}/executions`: the application's pipelines and their recent executions, polled. */
export function ExecutionsPage({ application }: ExecutionsPageProps) {
  const { loading, pipelines, executions, errors, checkedAt, refresh } = useExecutions(application);
  const groups = groupExecutions(pipelines, executions);
  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>
          <span className="muted">{application} /</span> Pipelines
        </h1>
        <a href={hrefTo('/applications')}>All applications</a>
      </div>
      <GateErrorPanel errors={errors} />
      {loading ? <p className="muted">Loading pipelines…</p> : null}
      {!loading && errors.length === 0 && groups.length === 0 ? (
        <p className="muted">{application} has no pipelines yet.</p>
      ) : null}
      {groups.map(({ pipeline, executions: runs }) => (
        <PipelineGroup
          key={pipeline.id ?? pipeline.name}
          application={application}
          pipeline={pipeline}
          executions={runs}
          now={checkedAt}
          onChanged={refresh}
        />
      ))}
    </>
  );
}
