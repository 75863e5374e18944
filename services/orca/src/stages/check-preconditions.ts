import { defineStage } from './define-stage.js';

/** One `preconditions[]` entry. */
interface Precondition {
  type?: string;
  context?: Record<string, unknown>;
  failPipeline?: boolean;
}

/**
 * `checkPreconditions`: one synthetic `checkPrecondition` before-stage per precondition, named
 * `Check precondition (<type>)`; each precondition's `failPipeline` applies to its child.
 */
export const checkPreconditionsStage = defineStage({
  type: 'checkPreconditions',
  tasks: () => [],
  beforeStages(stage) {
    const list = (
      Array.isArray(stage.context.preconditions) ? stage.context.preconditions : []
    ) as Precondition[];
    return list.map((p) => ({
      type: 'checkPrecondition',
      name: `Check precondition (${p.type ?? 'expression'})`,
      context: {
        ...(p.context ?? {}),
        preconditionType: p.type ?? 'expression',
        context: p.context ?? {},
        failPipeline: p.failPipeline ?? stage.context.failPipeline ?? true,
      },
    }));
  },
});
