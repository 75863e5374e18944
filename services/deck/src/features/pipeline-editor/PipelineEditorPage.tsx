import type { Pipeline, StageConfig } from '@genoa/shared';
import { useCallback, useEffect, useState } from 'react';
import { GateError } from '../../api/gate-client.js';
import { getPipelineConfig, isConflict, savePipeline } from '../../api/pipelines.js';
import { AppNav } from '../../app/AppNav.js';
import { hrefTo } from '../../app/router.js';
import { StageGraph } from '../../components/StageGraph.js';
import { SelectField } from '../../components/fields.js';
import { GateErrorPanel } from '../suite-status/GateErrorPanel.js';
import { ConfigurationSection } from './ConfigurationSection.js';
import { HistoryPanel } from './HistoryPanel.js';
import { JsonMode } from './JsonMode.js';
import { StageEditorPanel } from './StageEditorPanel.js';
import { pipelineText } from './diff.js';
import { addStage, refOf, removeStage, setUpstreams, updateStage } from './editorModel.js';
import { keepImmutable } from './jsonValidation.js';
import { stageEditorFor, stageEditors } from './stages/index.js';

/** Props of {@link PipelineEditorPage}. */
export interface PipelineEditorPageProps {
  application: string;
  pipelineId: string;
}

type Section = 'stages' | 'configuration' | 'json' | 'history';
const sections: { id: Section; label: string }[] = [
  { id: 'stages', label: 'Stages' },
  { id: 'configuration', label: 'Configuration' },
  { id: 'json', label: 'Edit as JSON' },
  { id: 'history', label: 'Revision history' },
];

/** Every stage's field errors, as readable lines (`Deploy: Account is required.`). */
export function stageProblems(stages: readonly StageConfig[]): { refId: string; message: string }[] {
  return stages.flatMap((stage) =>
    Object.values(stageEditorFor(stage.type)?.validate?.(stage) ?? {}).map((message) => ({
      refId: refOf(stage),
      message: `${stage.name || stage.type}: ${message}`,
    })),
  );
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'invalid'; problems: string[] }
  | { kind: 'conflict'; message: string }
  | { kind: 'failed'; message: string };

/**
 * `#/applications/{app}/pipelines/{id}/edit`: the pipeline editor — stage graph with add, remove
 * and connect; a form per stage type (JSON for others); triggers, parameters and execution
 * options; a JSON mode validated with the shared schema; revision history with diff and restore;
 * save through gate with stale-write conflicts explained.
 */
export function PipelineEditorPage({ application, pipelineId }: PipelineEditorPageProps) {
  const [original, setOriginal] = useState<Pipeline>();
  const [draft, setDraft] = useState<Pipeline>();
  const [loadError, setLoadError] = useState<GateError>();
  const [section, setSection] = useState<Section>('stages');
  const [selected, setSelected] = useState<string>();
  const [newType, setNewType] = useState(stageEditors[0]?.type ?? 'wait');
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [jsonKey, setJsonKey] = useState(0);

  const load = useCallback(() => {
    const controller = new AbortController();
    getPipelineConfig(application, pipelineId, controller.signal).then(
      (pipeline) => {
        setOriginal(pipeline);
        setDraft(pipeline);
        setSelected((s) => s ?? (pipeline.stages[0] ? refOf(pipeline.stages[0]) : undefined));
        setJsonKey((k) => k + 1);
      },
      (err: unknown) => {
        if (!controller.signal.aborted)
          setLoadError(
            err instanceof GateError ? err : new GateError(String(err), 'unreachable', 'pipelineConfigs'),
          );
      },
    );
    return () => controller.abort();
  }, [application, pipelineId]);
  useEffect(load, [load]);

  if (!draft || !original) {
    return (
      <>
        <h1 tabIndex={-1}>Pipeline editor</h1>
        <GateErrorPanel errors={loadError ? [loadError] : []} />
        {loadError ? null : <p className="muted">Loading pipeline…</p>}
      </>
    );
  }
  const dirty = pipelineText(draft) !== pipelineText(original);
  const edit = (next: Pipeline) => {
    setDraft(next);
    if (save.kind === 'saved' || save.kind === 'invalid') setSave({ kind: 'idle' });
  };
  const stage = draft.stages.find((s) => refOf(s) === selected);

  const submit = () => {
    const problems = stageProblems(draft.stages);
    if (problems.length > 0) {
      setSave({ kind: 'invalid', problems: problems.map((p) => p.message) });
      setSection('stages');
      setSelected(problems[0]?.refId);
      return;
    }
    setSave({ kind: 'saving' });
    savePipeline(draft).then(
      () =>
        getPipelineConfig(application, pipelineId).then(
          (saved) => {
            setOriginal(saved);
            setDraft(saved);
            setJsonKey((k) => k + 1);
            setSave({ kind: 'saved' });
          },
          () => setSave({ kind: 'saved' }),
        ),
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        setSave(isConflict(err) ? { kind: 'conflict', message } : { kind: 'failed', message });
      },
    );
  };

  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>
          <span className="muted">{application} /</span> {draft.name}{' '}
          <span className="muted">(configure)</span>
        </h1>
        <a href={hrefTo(`/applications/${encodeURIComponent(application)}/executions`)}>Back to executions</a>
      </div>
      <AppNav application={application} current="executions" />
      <div className="editor-bar" role="region" aria-label="Save">
        <button type="button" className="button" disabled={!dirty || save.kind === 'saving'} onClick={submit}>
          {save.kind === 'saving' ? 'Saving…' : 'Save changes'}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={!dirty}
          onClick={() => {
            setDraft(original);
            setJsonKey((k) => k + 1);
            setSave({ kind: 'idle' });
          }}
        >
          Revert
        </button>
        <span
          role="status"
          data-testid="save-status"
          className={save.kind === 'saved' ? 'save-status--ok' : 'muted'}
        >
          {save.kind === 'saved' ? 'Saved.' : dirty ? 'Unsaved changes.' : 'No changes.'}
        </span>
      </div>
      {save.kind === 'invalid' ? (
        <div className="error-panel" role="alert">
          <h3 className="error-panel__title">Fix these before saving</h3>
          <ul>
            {save.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {save.kind === 'conflict' ? (
        <div className="error-panel" role="alert" data-testid="save-conflict">
          <h3 className="error-panel__title">Someone else changed this pipeline</h3>
          <p>{save.message}</p>
          <p>
            Your changes are still here (see Edit as JSON to copy them). Reload to get the latest version,
            then apply your change again.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setSave({ kind: 'idle' });
              load();
            }}
          >
            Reload latest version
          </button>
        </div>
      ) : null}
      {save.kind === 'failed' ? (
        <div className="error-panel" role="alert">
          <h3 className="error-panel__title">The pipeline was not saved</h3>
          <p>{save.message}</p>
        </div>
      ) : null}
      <div
        role="tablist"
        aria-label="Editor sections"
        className="tabs"
        onKeyDown={(event) => {
          // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
          const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
          if (step === 0) return;
          const index = sections.findIndex((s) => s.id === section);
          const next = sections[(index + step + sections.length) % sections.length];
          if (!next) return;
          setSection(next.id);
          document.getElementById(`tab-${next.id}`)?.focus();
        }}
      >
        {sections.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            id={`tab-${s.id}`}
            aria-selected={section === s.id}
            aria-controls={`panel-${s.id}`}
            tabIndex={section === s.id ? 0 : -1}
            className="tabs__tab"
            onClick={() => setSection(s.id)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${section}`} aria-labelledby={`tab-${section}`}>
        {section === 'stages' ? (
          <>
            <div className="editor-toolbar">
              <SelectField
                id="new-stage-type"
                label="Stage type"
                value={newType}
                options={stageEditors.map((e) => ({ value: e.type, label: e.label }))}
                onChange={setNewType}
              />
              <button
                type="button"
                className="button"
                onClick={() => {
                  const editor = stageEditorFor(newType);
                  const added = addStage(
                    draft,
                    newType,
                    editor?.defaults() ?? {},
                    stage ? refOf(stage) : undefined,
                  );
                  edit(added.pipeline);
                  setSelected(added.refId);
                }}
              >
                {stage ? `Add stage after ${stage.name || stage.type}` : 'Add stage'}
              </button>
              {stage ? (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    const editor = stageEditorFor(newType);
                    const parents = (stage.requisiteStageRefIds ?? []).map(String);
                    const added = addStage(draft, newType, editor?.defaults() ?? {});
                    edit(setUpstreams(added.pipeline, added.refId, parents));
                    setSelected(added.refId);
                  }}
                >
                  Add parallel stage
                </button>
              ) : null}
            </div>
            {draft.stages.length === 0 ? (
              <p className="muted">No stages yet. Choose a type and add the first stage.</p>
            ) : (
              <StageGraph
                label="Pipeline stages"
                selected={selected}
                onSelect={setSelected}
                stages={draft.stages.map((s) => ({
                  key: refOf(s),
                  refId: s.refId,
                  requisiteStageRefIds: s.requisiteStageRefIds,
                  label: s.name || s.type,
                  type: s.type,
                }))}
              />
            )}
            {stage ? (
              <StageEditorPanel
                key={refOf(stage)}
                stages={draft.stages}
                stage={stage}
                onChange={(patch) => edit(updateStage(draft, refOf(stage), patch))}
                onUpstreams={(refs) => edit(setUpstreams(draft, refOf(stage), refs))}
                onRemove={() => {
                  edit(removeStage(draft, refOf(stage)));
                  setSelected(undefined);
                }}
              />
            ) : null}
          </>
        ) : null}
        {section === 'configuration' ? (
          <ConfigurationSection pipeline={draft} onChange={(patch) => edit({ ...draft, ...patch })} />
        ) : null}
        {section === 'json' ? <JsonMode key={jsonKey} pipeline={draft} onApply={(p) => edit(p)} /> : null}
        {section === 'history' ? (
          <HistoryPanel
            pipelineId={pipelineId}
            current={draft}
            onRestore={(version) => {
              edit(keepImmutable({ ...version, updateTs: draft.updateTs }, draft));
              setJsonKey((k) => k + 1);
            }}
          />
        ) : null}
      </div>
    </>
  );
}
