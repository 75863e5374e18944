import type { z } from 'zod';
import type { Artifact, JsonMap, Pipeline, TriggerConfig } from '@genoa/shared';

/** What trigger hooks may call: igor for build info and property files. */
export interface TriggerContext {
  igor: {
    buildInfo(master: string, job: string, buildNumber: number): Promise<JsonMap>;
    properties(master: string, job: string, buildNumber: number, file: string): Promise<JsonMap>;
  };
}

/** A pipeline and one of its triggers (or a synthetic one, for manual starts). */
export interface Candidate {
  pipeline: Pipeline;
  trigger: TriggerConfig;
}

/** A resolved trigger: the concrete trigger an execution starts with, plus received artifacts. */
export interface Resolution {
  trigger: JsonMap;
  artifacts: Artifact[];
  /** Set on the pipeline (e.g. manual `executionId`). */
  pipelineOverrides?: Partial<Pipeline> & JsonMap;
}

/**
 * One trigger type (echo's `…EventHandler`, edge.md §4.4), as data. The generic loop in
 * `trigger-loop.ts` does the rest: take the cached enabled triggers of `type` (or `candidates`),
 * keep the valid and matching ones, resolve them, check expected artifacts, start each pipeline.
 */
export interface TriggerDefinition<E = unknown, T = unknown> {
  /** The trigger `type` string, verbatim from Spinnaker. */
  type: string;
  /** Whether events of this `details.type` are for this handler. */
  handles(eventType: string): boolean;
  /** The event as this handler reads it. */
  eventSchema: z.ZodType<E>;
  /** The trigger config as this handler reads it. */
  triggerSchema: z.ZodType<T>;
  /** Only "successful" events fire (jenkins: SUCCESS builds); default all. */
  isSuccessful?(event: E): boolean;
  /** Instead of cached triggers of `type` (manual: pipelines by app and name). */
  candidates?(event: E, pipelines: readonly Pipeline[]): Candidate[];
  /** Re-read the pipeline from Front50 before starting it (manual). */
  rereadPipeline?: boolean;
  isValid(trigger: T): boolean;
  matches(event: E, trigger: T, ctx: TriggerContext, pipeline: Pipeline): boolean | Promise<boolean>;
  resolve(event: E, trigger: T, ctx: TriggerContext, pipeline: Pipeline): Resolution | Promise<Resolution>;
}

/** Declares a trigger type (typed identity). */
export const defineTrigger = <E, T>(definition: TriggerDefinition<E, T>): TriggerDefinition<E, T> =>
  definition;
