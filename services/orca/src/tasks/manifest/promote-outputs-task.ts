import { defineTask, succeeded } from '../define-task.js';
import { CD } from './manifest-support.js';

/** Result keys promoted as `outputs.<key>`; `createdArtifacts` also becomes `artifacts`. */
const KEYS = ['manifests', 'manifestNamesByNamespace', 'boundArtifacts', 'createdArtifacts'] as const;

/**
 * PromoteManifestKatoOutputsTask: copies the deploy result objects of the stage's clouddriver tasks
 * (`kato.tasks[].resultObjects`) into context and outputs as `outputs.manifests`,
 * `outputs.manifestNamesByNamespace`, `outputs.boundArtifacts`, `outputs.createdArtifacts`,
 * `manifestNamesByNamespace` and `artifacts` (engine.md §5.9).
 */
export const promoteManifestKatoOutputsTask = defineTask({
  implementingClass: `${CD}.manifest.PromoteManifestKatoOutputsTask`,
  backoffMs: 1000,
  timeoutMs: 60_000,
  run(input) {
    const tasks =
      (input.stage.context['kato.tasks'] as { resultObjects?: Record<string, unknown>[] }[]) ?? [];
    const results = tasks.flatMap((t) => t.resultObjects ?? []).filter((r) => r.type !== 'EXCEPTION');
    const first = (key: string) => results.map((r) => r[key]).find((v) => v !== undefined && v !== null);
    const outputs: Record<string, unknown> = {};
    for (const key of KEYS) {
      const value = first(key);
      if (value !== undefined) outputs[`outputs.${key}`] = value;
    }
    if (outputs['outputs.manifestNamesByNamespace'])
      outputs.manifestNamesByNamespace = outputs['outputs.manifestNamesByNamespace'];
    if (outputs['outputs.createdArtifacts']) outputs.artifacts = outputs['outputs.createdArtifacts'];
    if (input.stage.context.noOutput === true) return succeeded({ context: outputs });
    return succeeded({ context: outputs, outputs });
  },
});
