import {
  clusterSizePreconditionTask,
  expressionPreconditionTask,
  stageStatusPreconditionTask,
} from '../tasks/precondition-tasks.js';
import { defineStage } from './define-stage.js';

const byType = {
  expression: expressionPreconditionTask,
  stageStatus: stageStatusPreconditionTask,
  clusterSize: clusterSizePreconditionTask,
};

/** `checkPrecondition`: the child of checkPreconditions; its one task depends on `preconditionType`. */
export const checkPreconditionStage = defineStage({
  type: 'checkPrecondition',
  tasks(stage) {
    const type = String(stage.context.preconditionType ?? 'expression') as keyof typeof byType;
    const task = byType[type];
    if (!task)
      throw new Error(`Unknown precondition type "${type}"; known types: ${Object.keys(byType).join(', ')}`);
    return [{ name: 'checkPrecondition', task }];
  },
});
