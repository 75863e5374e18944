import { InputError } from '@genoa/shared';
import { defineTask, running, succeeded, terminal, type TaskInput } from '../define-task.js';
import {
  manifestArtifactOf,
  manifestsFromArtifact,
  requiredArtifacts,
  visibleArtifacts,
} from './artifacts.js';
import { accountOf, applicationOf, CD, submitOperation } from './manifest-support.js';

/** Largest log text kept per container in outputs. */
const MAX_LOG_CHARS = 16_384;

/**
 * RunJobTask: posts `runJob` with exactly one Job (`manifest`, or the manifest artifact when
 * `source` is "artifact"), the application and the stage's artifacts.
 */
export const runJobTask = defineTask({
  implementingClass: `${CD}.job.RunJobTask`,
  backoffMs: 1000,
  timeoutMs: 5 * 60 * 1000,
  sideEffects: true,
  async run(input, services) {
    const { execution, stage } = input;
    const c = stage.context;
    const manifests =
      c.source === 'artifact'
        ? manifestsFromArtifact(manifestArtifactOf(execution, stage))
        : [c.manifest].flat();
    if (manifests.length !== 1 || !manifests[0])
      throw new InputError('runJob needs exactly one Job manifest (set "manifest")');
    const application = applicationOf(stage, execution.application);
    const description = {
      ...c,
      source: 'text',
      manifest: manifests[0],
      application,
      moniker: { ...((c.moniker as object) ?? {}), app: application },
      requiredArtifacts: requiredArtifacts(execution, stage),
      optionalArtifacts: visibleArtifacts(execution, stage),
    };
    return succeeded({ context: await submitOperation(services, input, 'runJob', description, true) });
  },
});

/** The created job's namespace and name from the promoted outputs (`deploy.jobs` as Spinnaker keeps it). */
function jobOf(input: TaskInput): { location: string; name: string } | undefined {
  const byNs =
    (input.stage.context['deploy.jobs'] as Record<string, string[]> | undefined) ??
    (input.stage.context['outputs.manifestNamesByNamespace'] as Record<string, string[]> | undefined) ??
    {};
  for (const [location, names] of Object.entries(byNs)) {
    const name = names.find((n) => n.startsWith('job '));
    if (name) return { location, name: name.slice(4) };
  }
  return undefined;
}

/**
 * Properties in a property file container's logs: `SPINNAKER_PROPERTY_<KEY>=value` lines (key
 * lower-cased, as Spinnaker does), else plain `key=value` lines.
 */
function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const spinnaker = /^\s*SPINNAKER_PROPERTY_(\w+)\s*=\s*(.*)$/.exec(line);
    const plain = /^\s*([A-Za-z_][\w.-]*)\s*=\s*(.*)$/.exec(line);
    if (spinnaker) out[spinnaker[1]!.toLowerCase()] = spinnaker[2]!.trim();
    else if (plain) out[plain[1]!] = plain[2]!.trim();
  }
  return out;
}

/**
 * WaitOnJobCompletion: polls clouddriver's job status until `jobState` is Succeeded (SUCCEEDED) or
 * Failed (TERMINAL with the job's reason and message). Outputs `jobStatus`, `completionDetails`,
 * the pods' container `logs`, and with `propertyFile` its `propertyFileContents` plus one output
 * per property.
 */
export const waitOnJobCompletionTask = defineTask({
  implementingClass: `${CD}.job.WaitOnJobCompletion`,
  backoffMs: 500,
  timeoutMs: (input) => {
    const limit = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(
      String(input.stage.context.jobRuntimeLimit ?? ''),
    );
    if (!limit) return 120 * 60 * 1000;
    const [, h = '0', m = '0', s = '0'] = limit;
    return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + 5 * 60 * 1000;
  },
  overridableTimeout: true,
  async run(input, services) {
    const job = jobOf(input);
    if (!job) return terminal('No job was created (deploy.jobs is empty)', {}, input.now);
    const account = accountOf(input.stage);
    const app = applicationOf(input.stage, input.execution.application);
    const status = await services.clouddriver.getJob(app, account, job.location, job.name);
    if (!status || status.jobState === 'Running') return running();
    const logs: Record<string, Record<string, string>> = {};
    for (const pod of status.pods ?? []) {
      if (!pod.name) continue;
      const byContainer = await services.clouddriver.getConsole(account, job.location, pod.name);
      logs[pod.name] = Object.fromEntries(
        Object.entries(byContainer).map(([k, v]) => [
          k,
          v.length > MAX_LOG_CHARS ? v.slice(-MAX_LOG_CHARS) : v,
        ]),
      );
    }
    const outputs: Record<string, unknown> = {
      jobStatus: status,
      completionDetails: status.completionDetails ?? {},
      'deploy.jobs': { [job.location]: [`job ${job.name}`] },
      logs,
    };
    const propertyFile = input.stage.context.propertyFile;
    if (typeof propertyFile === 'string' && propertyFile) {
      const text = Object.values(logs)
        .map((byContainer) => byContainer[propertyFile] ?? '')
        .join('\n');
      const properties = parseProperties(text);
      Object.assign(outputs, properties, { propertyFileContents: properties });
    }
    if (status.jobState === 'Succeeded') return succeeded({ context: outputs, outputs });
    const detail = [status.reason, status.message ?? status.failureDetails].filter(Boolean).join(': ');
    return {
      ...terminal(`Job ${job.name} failed${detail ? `: ${detail}` : ''}`, outputs, input.now),
      outputs,
    };
  },
});
