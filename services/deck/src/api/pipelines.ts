import { PipelineSchema, type Pipeline } from '@genoa/shared';
import { z } from 'zod';
import { getPipelineConfigs } from './executions.js';
import { GateError, gateGet, gateSend } from './gate-client.js';

/** A new pipeline as Deck's create-pipeline modal makes it (edge.md §6.4), saved without an id. */
export const newPipeline = (application: string, name: string): Pipeline => ({
  name,
  application,
  stages: [],
  triggers: [],
  parameterConfig: [],
  limitConcurrent: true,
  keepWaitingPipelines: false,
  spelEvaluator: 'v4',
});

/**
 * Saves a pipeline config (`POST /pipelines?staleCheck=true`, as Deck does): gate runs orca's
 * savePipeline task and answers once it is done. A config changed by someone else since it was
 * loaded is refused (front50's stale check).
 */
export const savePipeline = (pipeline: Pipeline): Promise<unknown> =>
  gateSend('POST', '/pipelines?staleCheck=true', pipeline, z.unknown(), { timeoutMs: 45_000 });

/** One pipeline config by id, from the application's list (gate has no get-by-id for configs). */
export async function getPipelineConfig(
  application: string,
  id: string,
  signal?: AbortSignal,
): Promise<Pipeline> {
  const found = (await getPipelineConfigs(application, signal)).find((p) => p.id === id);
  if (!found) {
    const path = `/applications/${application}/pipelineConfigs`;
    throw new GateError(`Pipeline ${id} not found in ${application}`, 'http', path, 404);
  }
  return found;
}

/** Creates a pipeline and resolves with its new id (found by name after the save, as Deck does). */
export async function createPipeline(application: string, name: string): Promise<string> {
  await savePipeline(newPipeline(application, name));
  const created = (await getPipelineConfigs(application)).find((p) => p.name === name);
  if (!created?.id) throw new Error(`${name} was saved but does not appear in ${application}'s pipelines`);
  return created.id;
}

/** A pipeline's earlier versions, newest first (`GET /pipelineConfigs/{id}/history`). */
export const getPipelineHistory = (id: string, limit = 20, signal?: AbortSignal): Promise<Pipeline[]> =>
  gateGet(`/pipelineConfigs/${encodeURIComponent(id)}/history?limit=${limit}`, z.array(PipelineSchema), {
    signal,
  });

/**
 * True when a failed save is a concurrency conflict: a 409, or gate's 400 carrying front50's
 * stale-check message (gate reports a failed savePipeline task as 400 with the task's error).
 */
export const isConflict = (err: unknown): boolean =>
  err instanceof GateError &&
  (err.status === 409 || (err.status === 400 && /\bstale\b|conflict/i.test(err.message)));
