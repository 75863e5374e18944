import { TextField } from '../../../components/fields.js';
import { defineTriggerEditor } from './types.js';

const statuses = ['successful', 'failed', 'canceled'] as const;

/** `pipeline`: runs this pipeline when another pipeline completes with one of the statuses. */
export const pipelineTrigger = defineTriggerEditor({
  type: 'pipeline',
  label: 'Pipeline',
  defaults: () => ({ application: '', pipeline: '', status: ['successful'] }),
  Form: ({ trigger, onChange, idPrefix }) => {
    const chosen = Array.isArray(trigger.status) ? (trigger.status as string[]) : [];
    return (
      <>
        <TextField
          id={`${idPrefix}-application`}
          label="Application"
          value={trigger.application}
          onChange={(application) => onChange({ application })}
        />
        <TextField
          id={`${idPrefix}-pipeline`}
          label="Pipeline id"
          value={trigger.pipeline}
          onChange={(pipeline) => onChange({ pipeline })}
        />
        <fieldset className="filter-group">
          <legend>When that pipeline is</legend>
          {statuses.map((status) => (
            <label key={status} className="filter-group__option">
              <input
                type="checkbox"
                checked={chosen.includes(status)}
                onChange={() =>
                  onChange({
                    status: chosen.includes(status)
                      ? chosen.filter((s) => s !== status)
                      : [...chosen, status],
                  })
                }
              />{' '}
              {status}
            </label>
          ))}
        </fieldset>
      </>
    );
  },
});
