import type { StageConfig } from '@genoa/shared';
import { SelectField, TextField } from '../../components/fields.js';
import { JsonObjectField } from './JsonObjectField.js';
import { possibleUpstreams, refOf } from './editorModel.js';
import { stageEditorFor } from './stages/index.js';

/** Props of {@link StageEditorPanel}. */
export interface StageEditorPanelProps {
  stages: readonly StageConfig[];
  stage: StageConfig;
  onChange(patch: Record<string, unknown>): void;
  onUpstreams(refs: string[]): void;
  onRemove(): void;
}

const failureModes = [
  {
    value: 'halt',
    label: 'halt the entire pipeline',
    patch: { failPipeline: true, continuePipeline: false },
  },
  {
    value: 'branch',
    label: 'halt this branch of the pipeline',
    patch: { failPipeline: false, continuePipeline: false },
  },
  { value: 'ignore', label: 'ignore the failure', patch: { failPipeline: false, continuePipeline: true } },
] as const;

const failureModeOf = (stage: StageConfig) =>
  stage.continuePipeline ? 'ignore' : stage.failPipeline === false ? 'branch' : 'halt';

const structural = new Set(['type', 'refId', 'requisiteStageRefIds', 'name']);

/** The selected stage: name, upstream stages, failure behaviour, and its type's form (or JSON). */
export function StageEditorPanel({ stages, stage, onChange, onUpstreams, onRemove }: StageEditorPanelProps) {
  const ref = refOf(stage);
  const idPrefix = `stage-${ref}`;
  const editor = stageEditorFor(stage.type);
  const errors = editor?.validate?.(stage) ?? {};
  const upstream = (stage.requisiteStageRefIds ?? []).map(String);
  const rest = Object.fromEntries(Object.entries(stage).filter(([k]) => !structural.has(k)));
  return (
    <section className="card" aria-labelledby={`${idPrefix}-title`} data-testid="stage-editor">
      <header className="card__header">
        <h2 id={`${idPrefix}-title`}>
          {stage.name || stage.type} <span className="muted">({editor?.label ?? stage.type})</span>
        </h2>
        <button type="button" className="button button--danger card__action" onClick={onRemove}>
          Remove stage
        </button>
      </header>
      <div className="form">
        <TextField
          id={`${idPrefix}-name`}
          label="Stage name"
          value={stage.name}
          onChange={(name) => onChange({ name })}
        />
        <fieldset className="filter-group">
          <legend>Depends on</legend>
          {possibleUpstreams(stages, ref).length === 0 ? (
            <p className="muted">No other stage can come before this one.</p>
          ) : null}
          {possibleUpstreams(stages, ref).map((other) => (
            <label key={refOf(other)} className="filter-group__option">
              <input
                type="checkbox"
                checked={upstream.includes(refOf(other))}
                onChange={() =>
                  onUpstreams(
                    upstream.includes(refOf(other))
                      ? upstream.filter((r) => r !== refOf(other))
                      : [...upstream, refOf(other)],
                  )
                }
              />{' '}
              {other.name || other.type} <span className="muted">(#{refOf(other)})</span>
            </label>
          ))}
        </fieldset>
        <SelectField
          id={`${idPrefix}-failure`}
          label="If this stage fails"
          value={failureModeOf(stage)}
          options={failureModes.map(({ value, label }) => ({ value, label }))}
          onChange={(mode) => onChange(failureModes.find((m) => m.value === mode)?.patch ?? {})}
        />
        {editor ? (
          <editor.Form stage={stage} onChange={onChange} idPrefix={idPrefix} errors={errors} />
        ) : (
          <JsonObjectField
            key={ref}
            id={`${idPrefix}-json`}
            label={`Stage configuration (JSON; deck has no form for ${stage.type})`}
            value={rest}
            onChange={(value) => {
              const removed = Object.fromEntries(
                Object.keys(rest)
                  .filter((k) => !(k in value))
                  .map((k) => [k, undefined]),
              );
              onChange({ ...removed, ...value });
            }}
          />
        )}
      </div>
    </section>
  );
}
