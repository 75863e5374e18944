import {
  errorCodeOf,
  type Artifact,
  type EchoEvent,
  type JsonMap,
  type Pipeline,
  type PipelineStartRequest,
} from '@genoa/shared';
import { expectedArtifactsSatisfied, resolveExpectedArtifacts } from './expected-artifacts.js';
import { applyParameterConfig, isEnabled } from './parameters.js';
import type { Candidate, TriggerContext, TriggerDefinition } from './trigger-definition.js';

/** A pipeline an event starts, with its resolved trigger. */
export interface TriggerMatch {
  type: string;
  pipeline: Pipeline;
  trigger: JsonMap;
  artifacts: Artifact[];
}

/** Where the loop reads pipelines. */
export interface PipelineSource {
  pipelines(): readonly Pipeline[];
  triggersOf(type: string): readonly Candidate[];
  fresh(id: string): Promise<Pipeline | undefined>;
}

/**
 * A collaborator that is down or failing (igor, front50: unreachable, 5xx): the whole event is
 * retried later (re-running it is harmless: start requests are keyed), instead of losing the start.
 */
export function isTransient(err: unknown): boolean {
  const code = errorCodeOf(err);
  if (code === 'SERVICE_UNAVAILABLE') return true;
  return code === 'UPSTREAM' && ((err as { upstreamStatus?: number }).upstreamStatus ?? 500) >= 500;
}

/** Something a hook could not do for good (bad property file, no such build): logged, the candidate skipped. */
export type SkipReporter = (info: { type: string; pipelineId?: string | null; err: unknown }) => void;

/** Parsed trigger configs, per definition and config object (cached configs are reused across events). */
const parsedTriggers = new WeakMap<object, WeakMap<object, { success: boolean; data?: unknown }>>();
function parseTrigger(
  def: TriggerDefinition<unknown, unknown>,
  trigger: object,
): { success: boolean; data?: unknown } {
  let byTrigger = parsedTriggers.get(def);
  if (!byTrigger) parsedTriggers.set(def, (byTrigger = new WeakMap()));
  let parsed = byTrigger.get(trigger);
  if (!parsed) byTrigger.set(trigger, (parsed = def.triggerSchema.safeParse(trigger)));
  return parsed;
}

/**
 * The generic trigger loop (echo's BaseTriggerEventHandler): for each definition handling the
 * event's type, take its candidates, keep enabled, valid, matching ones, resolve them and check
 * expected artifacts. One match per pipeline.
 */
export async function matchEvent(
  event: EchoEvent,
  definitions: readonly TriggerDefinition<unknown, unknown>[],
  source: PipelineSource,
  ctx: TriggerContext,
  onSkip: SkipReporter = () => {},
): Promise<TriggerMatch[]> {
  const matches = new Map<string, TriggerMatch>();
  for (const def of definitions) {
    if (!def.handles(event.details.type)) continue;
    const parsed = def.eventSchema.safeParse(event);
    if (!parsed.success) continue;
    if (def.isSuccessful && !def.isSuccessful(parsed.data)) continue;
    const candidates = def.candidates
      ? def.candidates(parsed.data, source.pipelines())
      : source.triggersOf(def.type);
    for (const candidate of candidates) {
      const key = candidate.pipeline.id ?? `${candidate.pipeline.application}/${candidate.pipeline.name}`;
      if (matches.has(key) || candidate.pipeline.disabled) continue;
      if (!def.candidates && !isEnabled(candidate.trigger.enabled)) continue;
      const trigger = parseTrigger(def, candidate.trigger);
      if (!trigger.success || !def.isValid(trigger.data)) continue;
      try {
        if (!(await def.matches(parsed.data, trigger.data, ctx, candidate.pipeline))) continue;
        let pipeline = candidate.pipeline;
        if (def.rereadPipeline && pipeline.id) pipeline = (await source.fresh(pipeline.id)) ?? pipeline;
        const resolved = await def.resolve(parsed.data, trigger.data, ctx, pipeline);
        if (!expectedArtifactsSatisfied(pipeline, resolved.trigger, resolved.artifacts)) continue;
        matches.set(key, {
          type: def.type,
          pipeline: { ...pipeline, ...resolved.pipelineOverrides },
          trigger: resolved.trigger,
          artifacts: resolved.artifacts,
        });
      } catch (err) {
        if (isTransient(err)) throw err;
        onSkip({ type: def.type, pipelineId: candidate.pipeline.id, err });
      }
    }
  }
  return [...matches.values()];
}

/**
 * The start request for a match (the contract orca consumes). Defaults from `parameterConfig` are
 * applied; a missing required parameter becomes `pipeline.errorMessage`, which orca records as a
 * failed execution (Spinnaker's `/fail` path) instead of running it. `requestKey` is derived from
 * the event and the pipeline, so a redelivered event never starts a pipeline twice.
 */
export function startRequestFor(event: EchoEvent, match: TriggerMatch): PipelineStartRequest {
  const { parameters, errors } = applyParameterConfig(
    match.pipeline,
    match.trigger.parameters as JsonMap | undefined,
  );
  const trigger: JsonMap = {
    ...match.trigger,
    parameters,
    artifacts: match.artifacts,
    eventId: match.trigger.eventId ?? event.eventId,
  };
  const pipeline: Pipeline & JsonMap = { ...match.pipeline, receivedArtifacts: match.artifacts };
  const resolved = resolveExpectedArtifacts(match.pipeline, match.trigger, match.artifacts);
  if (resolved) {
    const { unresolved, ...fields } = resolved;
    Object.assign(trigger, fields);
    if (unresolved.length)
      errors.push(`Unmatched expected artifact ${unresolved.join(', ')} could not be resolved.`);
  }
  if (errors.length) pipeline.errorMessage = errors.join('; ');
  const user =
    typeof trigger.user === 'string'
      ? trigger.user
      : typeof trigger.runAsUser === 'string'
        ? trigger.runAsUser
        : 'anonymous';
  return {
    requestKey: `echo/${event.eventId}/${match.pipeline.id ?? match.pipeline.name ?? 'pipeline'}`,
    pipeline,
    trigger,
    user,
    origin: 'echo',
  };
}
