import { parentOf } from '../../domain/graph.js';
import { findStage } from '../engine-support.js';
import type { Handler } from '../handler-context.js';

/** PauseStage: the stage and its running parents are PAUSED. */
export const pauseStageHandler: Handler<'pauseStage'> = {
  scope: 'execution',
  async handle(message, ctx) {
    for (let s = findStage(ctx, message.stageId); s; s = parentOf(ctx.execution, s)) {
      if (s.status !== 'RUNNING') continue;
      ctx.changed();
      s.status = 'PAUSED';
    }
  },
};
