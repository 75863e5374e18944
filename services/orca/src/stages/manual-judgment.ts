import { manualJudgmentTask } from '../tasks/manual-judgment-task.js';
import { defineStage } from './define-stage.js';

/** `manualJudgment`: waits for a user to PATCH `judgmentStatus` continue or stop (with `judgmentInput`). */
export const manualJudgmentStage = defineStage({
  type: 'manualJudgment',
  tasks: () => [{ name: 'waitForJudgment', task: manualJudgmentTask }],
  prepareForRestart(stage) {
    for (const key of [
      'judgmentStatus',
      'judgmentInput',
      'lastModifiedBy',
      'lastNotifiedByNotificationState',
    ])
      delete stage.context[key];
    delete stage.lastModified;
    // notifications fire again for the new run
    if (Array.isArray(stage.context.notifications))
      stage.context.notifications = stage.context.notifications.map((n: unknown) => {
        if (!n || typeof n !== 'object') return n;
        const { lastNotifiedByNotificationState: _sent, ...rest } = n as Record<string, unknown>;
        return rest;
      });
  },
});
