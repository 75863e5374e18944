import type { PipelineExecution, StageExecution, SyntheticStageOwner } from '@genoa/shared';
import { ulid } from './ids.js';

/** Stage config keys that are not copied into the context. */
const NOT_CONTEXT = new Set(['type', 'name', 'refId', 'requisiteStageRefIds']);

/**
 * Orca's `applyStageRefIds`: when no stage has a `refId`, number them "0", "1", … and chain them
 * linearly. Otherwise refIds are coerced to strings.
 */
export function applyStageRefIds(stages: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const anyRef = stages.some((s) => s.refId != null && s.refId !== '');
  return stages.map((s, i) => {
    if (!anyRef) return { ...s, refId: String(i), requisiteStageRefIds: i === 0 ? [] : [String(i - 1)] };
    const reqs = Array.isArray(s.requisiteStageRefIds) ? s.requisiteStageRefIds.map(String) : [];
    return { ...s, refId: String(s.refId), requisiteStageRefIds: reqs };
  });
}

/** A NOT_STARTED stage built from a stage config (everything but type/name/refId/requisites → context). */
export function stageFromConfig(config: Record<string, unknown>): StageExecution {
  const context: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) if (!NOT_CONTEXT.has(key)) context[key] = value;
  const type = String(config.type);
  return {
    id: ulid(),
    refId: config.refId == null ? undefined : String(config.refId),
    type,
    name: typeof config.name === 'string' && config.name !== '' ? config.name : type,
    status: 'NOT_STARTED',
    context,
    outputs: {},
    tasks: [],
    requisiteStageRefIds: Array.isArray(config.requisiteStageRefIds)
      ? config.requisiteStageRefIds.map(String)
      : [],
  };
}

/** A synthetic stage under `parent`; refId `<parentRef><N` (before) or `<parentRef>>N` (after). */
export function syntheticStage(
  parent: StageExecution,
  owner: SyntheticStageOwner,
  index: number,
  spec: { type: string; name?: string; context?: Record<string, unknown> },
  requisites: string[],
): StageExecution {
  const sep = owner === 'STAGE_BEFORE' ? '<' : '>';
  return {
    id: ulid(),
    refId: `${String(parent.refId ?? '')}${sep}${index + 1}`,
    type: spec.type,
    name: spec.name ?? spec.type,
    status: 'NOT_STARTED',
    context: spec.context ?? {},
    outputs: {},
    tasks: [],
    syntheticStageOwner: owner,
    parentStageId: parent.id,
    requisiteStageRefIds: requisites,
  };
}

/** Trigger parameters: `parameterConfig` defaults filled in where the trigger gave none. */
export function withParameterDefaults(
  pipeline: Record<string, unknown>,
  parameters: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(parameters ?? {}) };
  const config = Array.isArray(pipeline.parameterConfig)
    ? (pipeline.parameterConfig as Record<string, unknown>[])
    : [];
  for (const p of config) {
    const name = typeof p.name === 'string' ? p.name : undefined;
    if (name && (out[name] === undefined || out[name] === null) && p.default !== undefined)
      out[name] = p.default;
  }
  return out;
}

/** Options for building an execution. */
export interface BuildOptions {
  now: number;
  user?: string;
  /** The accounts the signed identity that started it may use (`X-SPINNAKER-ACCOUNTS`). */
  accounts?: readonly string[];
  origin?: string;
  id?: string;
}

/** A NOT_STARTED PIPELINE execution from a pipeline config and trigger (ExecutionLauncher.parsePipeline). */
export function buildPipelineExecution(
  pipeline: Record<string, unknown>,
  trigger: Record<string, unknown>,
  options: BuildOptions,
): PipelineExecution {
  const user = options.user ?? (typeof trigger.user === 'string' ? trigger.user : undefined) ?? 'anonymous';
  const fullTrigger: Record<string, unknown> = {
    type: 'manual',
    user,
    artifacts: [],
    notifications: [],
    rebake: false,
    dryRun: false,
    strategy: false,
    resolvedExpectedArtifacts: [],
    expectedArtifacts: [],
    ...trigger,
    parameters: withParameterDefaults(pipeline, trigger.parameters as Record<string, unknown> | undefined),
  };
  const stages = applyStageRefIds((pipeline.stages as Record<string, unknown>[]) ?? []).map(stageFromConfig);
  return {
    id: options.id ?? ulid(),
    type: 'PIPELINE',
    application: String(pipeline.application),
    name: typeof pipeline.name === 'string' ? pipeline.name : undefined,
    pipelineConfigId: typeof pipeline.id === 'string' ? pipeline.id : undefined,
    status: 'NOT_STARTED',
    buildTime: options.now,
    canceled: false,
    limitConcurrent: pipeline.limitConcurrent === true,
    maxConcurrentExecutions:
      typeof pipeline.maxConcurrentExecutions === 'number' ? pipeline.maxConcurrentExecutions : 0,
    keepWaitingPipelines: pipeline.keepWaitingPipelines === true,
    origin: options.origin ?? 'api',
    authentication: { user, allowedAccounts: [...(options.accounts ?? [])] },
    trigger: fullTrigger as PipelineExecution['trigger'],
    notifications: (pipeline.notifications as PipelineExecution['notifications']) ?? [],
    initialConfig: {},
    systemNotifications: [],
    spelEvaluator: typeof pipeline.spelEvaluator === 'string' ? pipeline.spelEvaluator : undefined,
    templateVariables: (pipeline.templateVariables as Record<string, unknown> | undefined) ?? undefined,
    startTimeExpiry: pipeline.startTimeExpiry != null ? Number(pipeline.startTimeExpiry) : undefined,
    source: (pipeline.source as PipelineExecution['source']) ?? undefined,
    stages,
  };
}

/** A NOT_STARTED ORCHESTRATION from a task request (`POST /ops`): jobs become chained stages. */
export function buildOrchestration(
  request: {
    application: string;
    description?: string | null;
    job: Record<string, unknown>[];
    trigger?: unknown;
  },
  options: BuildOptions,
): PipelineExecution {
  const user = options.user ?? 'anonymous';
  const stages = applyStageRefIds(request.job).map(stageFromConfig);
  return {
    id: options.id ?? ulid(),
    type: 'ORCHESTRATION',
    application: request.application,
    name: request.description ?? undefined,
    description: request.description ?? undefined,
    status: 'NOT_STARTED',
    buildTime: options.now,
    canceled: false,
    limitConcurrent: false,
    maxConcurrentExecutions: 0,
    keepWaitingPipelines: false,
    origin: options.origin ?? 'api',
    authentication: { user, allowedAccounts: [...(options.accounts ?? [])] },
    trigger: {
      type: 'manual',
      user,
      parameters: {},
      artifacts: [],
      notifications: [],
      ...((request.trigger as object) ?? {}),
    },
    notifications: [],
    initialConfig: {},
    systemNotifications: [],
    stages,
  };
}
