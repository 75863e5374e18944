import { ExecutionStatus } from '@genoa/shared';
import type { ExecutionFilters as Filters } from './filters.js';
import { toggle } from './filters.js';

/** Props of {@link ExecutionFilters}. */
export interface ExecutionFiltersProps {
  filters: Filters;
  pipelineNames: readonly string[];
  triggerTypes: readonly string[];
  onChange(filters: Filters): void;
}

const statuses = Object.values(ExecutionStatus);

function CheckboxGroup(props: {
  legend: string;
  values: readonly string[];
  selected: readonly string[];
  label?: (value: string) => string;
  onToggle(value: string): void;
}) {
  return (
    <fieldset className="filter-group">
      <legend>{props.legend}</legend>
      <div className="filter-group__options">
        {props.values.map((value) => (
          <label key={value} className="filter-group__option">
            <input
              type="checkbox"
              checked={props.selected.includes(value)}
              onChange={() => props.onToggle(value)}
            />{' '}
            {props.label ? props.label(value) : value}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The executions filter sidebar: status, pipeline and trigger type (kept in the URL by the page). */
export function ExecutionFilters({ filters, pipelineNames, triggerTypes, onChange }: ExecutionFiltersProps) {
  const any = filters.statuses.length + filters.pipelines.length + filters.triggerTypes.length > 0;
  return (
    <aside className="filters" aria-label="Filters">
      <h2 className="filters__title">Filters</h2>
      {any ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onChange({ statuses: [], pipelines: [], triggerTypes: [] })}
        >
          Clear filters
        </button>
      ) : null}
      <CheckboxGroup
        legend="Status"
        values={statuses}
        selected={filters.statuses}
        label={(v) => v.replace(/_/g, ' ')}
        onToggle={(v) => onChange({ ...filters, statuses: toggle(filters.statuses, v) })}
      />
      <CheckboxGroup
        legend="Pipeline"
        values={pipelineNames}
        selected={filters.pipelines}
        onToggle={(v) => onChange({ ...filters, pipelines: toggle(filters.pipelines, v) })}
      />
      <CheckboxGroup
        legend="Trigger type"
        values={triggerTypes}
        selected={filters.triggerTypes}
        onToggle={(v) => onChange({ ...filters, triggerTypes: toggle(filters.triggerTypes, v) })}
      />
    </aside>
  );
}
