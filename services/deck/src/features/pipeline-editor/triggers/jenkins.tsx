import { useEffect, useState } from 'react';
import { getBuildJobs, getBuildMasters } from '../../../api/builds.js';
import { TextField } from '../../../components/fields.js';
import { defineTriggerEditor, type TriggerFormProps } from './types.js';

/**
 * Suggestions from gate, or none when gate cannot list them (the fields stay free text). Loads
 * again only when `key` changes (`load` is a new function on every render).
 */
function useSuggestions(
  load: ((signal: AbortSignal) => Promise<string[]>) | undefined,
  key: string,
): string[] {
  const [values, setValues] = useState<string[]>([]);
  useEffect(() => {
    if (!load) return setValues([]);
    const controller = new AbortController();
    load(controller.signal).then(setValues, () => setValues([]));
    return () => controller.abort();
  }, [key]);
  return values;
}

function JenkinsForm({ trigger, onChange, idPrefix }: TriggerFormProps) {
  const master = String(trigger.master ?? '');
  const masters = useSuggestions(getBuildMasters, 'masters');
  const jobs = useSuggestions(master ? (signal) => getBuildJobs(master, signal) : undefined, master);
  return (
    <>
      <TextField
        id={`${idPrefix}-master`}
        label="Master"
        value={trigger.master}
        list={`${idPrefix}-masters`}
        onChange={(value) => onChange({ master: value })}
      />
      <datalist id={`${idPrefix}-masters`}>
        {masters.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      <TextField
        id={`${idPrefix}-job`}
        label="Job"
        value={trigger.job}
        list={`${idPrefix}-jobs`}
        onChange={(job) => onChange({ job })}
      />
      <datalist id={`${idPrefix}-jobs`}>
        {jobs.map((j) => (
          <option key={j} value={j} />
        ))}
      </datalist>
      <TextField
        id={`${idPrefix}-propertyFile`}
        label="Property file (optional)"
        value={trigger.propertyFile}
        onChange={(propertyFile) => onChange({ propertyFile: propertyFile || undefined })}
      />
    </>
  );
}

/** `jenkins`: runs the pipeline when a Jenkins job's build succeeds (igor polls the master). */
export const jenkinsTrigger = defineTriggerEditor({
  type: 'jenkins',
  label: 'Jenkins',
  defaults: () => ({ master: '', job: '' }),
  Form: JenkinsForm,
});
