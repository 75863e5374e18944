import { allowsDownstream, isComplete, isHalt } from '@genoa/shared';
import { syntheticChildren } from '../../domain/graph.js';
import { findStage, stageLevel } from '../engine-support.js';
import type { Handler } from '../handler-context.js';

/** ContinueParentStage: a synthetic phase finished; run the parent's tasks or complete it. */
export const continueParentStageHandler: Handler<'continueParentStage'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const stage = findStage(ctx, message.stageId);
    if (!stage || stage.status !== 'RUNNING') return;
    const children = syntheticChildren(ctx.execution, stage, message.phase);
    if (message.phase === 'STAGE_BEFORE') {
      if (children.every((c) => allowsDownstream(c.status))) {
        const first = stage.tasks?.[0];
        if (first && first.status === 'NOT_STARTED')
          ctx.push({ kind: 'startTask', ...stageLevel(ctx, stage), taskId: first.id });
        else if (!first) ctx.push({ kind: 'completeStage', ...stageLevel(ctx, stage) });
      } else if (children.some((c) => isHalt(c.status))) {
        ctx.push({ kind: 'completeStage', ...stageLevel(ctx, stage) });
      }
      return; // others still running: the last one continues the parent
    }
    if (children.every((c) => isComplete(c.status)))
      ctx.push({ kind: 'completeStage', ...stageLevel(ctx, stage) });
  },
};
