import type { PipelineExecution, StageExecution } from '@genoa/shared';
import type { TaskServices } from '../ports.js';
import type { TaskDefinition } from '../tasks/define-task.js';

/** One entry of a stage's task graph: the task's name and definition. */
export interface TaskGraphEntry {
  name: string;
  task: TaskDefinition;
}

/** A synthetic stage a stage type adds before or after itself. */
export interface SyntheticSpec {
  type: string;
  name?: string;
  context?: Record<string, unknown>;
}

/** A stage type: Orca's StageDefinitionBuilder surface, as data (STYLE §7.4). */
export interface StageDefinition {
  /** Spinnaker's type string, verbatim. */
  type: string;
  aliases?: string[];
  /** The ordered tasks for this stage. */
  tasks(stage: StageExecution, execution: PipelineExecution): TaskGraphEntry[];
  beforeStages?(stage: StageExecution, execution: PipelineExecution): SyntheticSpec[];
  afterStages?(stage: StageExecution, execution: PipelineExecution): SyntheticSpec[];
  /** Whether a user may skip the stage (`manualSkip`). */
  canManuallySkip?(stage: StageExecution): boolean;
  /** Resets context keys before a restart. */
  prepareForRestart?(stage: StageExecution): void;
  /** Evaluates its own context at start (evaluateVariables evaluates variables in order). */
  evaluatesOwnContext?: boolean;
  /** Cancel routine (CancellableStage): stop a child pipeline, call a cancel endpoint. */
  cancel?(stage: StageExecution, execution: PipelineExecution, services: TaskServices): Promise<void>;
}

/** Defines a stage type; a typed identity helper. */
export const defineStage = (definition: StageDefinition): StageDefinition => definition;

/** Stage types by type and alias; refuses duplicates. */
export class StageRegistry {
  private readonly byType = new Map<string, StageDefinition>();
  constructor(definitions: readonly StageDefinition[]) {
    for (const d of definitions) {
      for (const key of [d.type, ...(d.aliases ?? [])]) {
        if (this.byType.has(key)) throw new Error(`duplicate stage type or alias "${key}"`);
        this.byType.set(key, d);
      }
    }
  }
  /** The definition for a stage (by type, then by its `alias` context key). */
  resolve(stage: Pick<StageExecution, 'type' | 'context'>): StageDefinition | undefined {
    const alias = typeof stage.context.alias === 'string' ? stage.context.alias : undefined;
    return this.byType.get(stage.type) ?? (alias ? this.byType.get(alias) : undefined);
  }
  /** Every known type, sorted (for error messages). */
  types(): string[] {
    return [...this.byType.keys()].sort();
  }
}

/** Tasks by implementing class, collected from the stage types. */
export class TaskRegistry {
  private readonly byClass = new Map<string, TaskDefinition>();
  constructor(tasks: readonly TaskDefinition[]) {
    for (const t of tasks) this.byClass.set(t.implementingClass, t);
  }
  resolve(implementingClass: string | null | undefined): TaskDefinition | undefined {
    return implementingClass ? this.byClass.get(implementingClass) : undefined;
  }
}
