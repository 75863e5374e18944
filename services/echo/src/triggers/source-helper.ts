import type { Pipeline } from '@genoa/shared';
import type { PipelineSource } from '../domain/trigger-loop.js';

/** An in-memory pipeline source over a fixed list (tests and benchmarks). */
export function staticSource(pipelines: readonly Pipeline[]): PipelineSource {
  return {
    pipelines: () => pipelines,
    triggersOf: (type) =>
      pipelines.flatMap((pipeline) =>
        (pipeline.triggers ?? []).filter((t) => t.type === type).map((trigger) => ({ pipeline, trigger })),
      ),
    fresh: async (id) => pipelines.find((p) => p.id === id),
  };
}
