import { useEffect, useState } from 'react';
import { getBuildJobs, getBuildMasters } from '../../api/builds.js';
import { TextField } from '../../components/fields.js';

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

/** Props of {@link JenkinsJobFields}. */
export interface JenkinsJobFieldsProps {
  master: unknown;
  job: unknown;
  idPrefix: string;
  onChange(patch: { master?: string; job?: string }): void;
  errors?: { master?: string; job?: string };
}

/**
 * Master and job fields with suggestions from gate (`/v2/builds`, `/v3/builds/{master}/jobs`);
 * free text when gate lists nothing (igor off, a master it cannot reach).
 */
export function JenkinsJobFields({ master, job, idPrefix, onChange, errors }: JenkinsJobFieldsProps) {
  const name = typeof master === 'string' ? master : '';
  const masters = useSuggestions(getBuildMasters, 'masters');
  const jobs = useSuggestions(name ? (signal) => getBuildJobs(name, signal) : undefined, name);
  return (
    <>
      <TextField
        id={`${idPrefix}-master`}
        label="Master"
        value={master}
        list={`${idPrefix}-masters`}
        error={errors?.master}
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
        value={job}
        list={`${idPrefix}-jobs`}
        error={errors?.job}
        onChange={(value) => onChange({ job: value })}
      />
      <datalist id={`${idPrefix}-jobs`}>
        {jobs.map((j) => (
          <option key={j} value={j} />
        ))}
      </datalist>
    </>
  );
}
