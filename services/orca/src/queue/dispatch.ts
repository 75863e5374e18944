import type { EngineMessageKind } from '@genoa/shared';
import type { Handler } from './handler-context.js';
import { abortStageHandler } from './handlers/abort-stage.js';
import { cancelExecutionHandler } from './handlers/cancel-execution.js';
import { cancelStageHandler } from './handlers/cancel-stage.js';
import { completeExecutionHandler } from './handlers/complete-execution.js';
import { completeStageHandler } from './handlers/complete-stage.js';
import { completeTaskHandler } from './handlers/complete-task.js';
import { continueParentStageHandler } from './handlers/continue-parent-stage.js';
import { pauseStageHandler } from './handlers/pause-stage.js';
import { pauseTaskHandler } from './handlers/pause-task.js';
import { rescheduleExecutionHandler } from './handlers/reschedule-execution.js';
import { restartStageHandler } from './handlers/restart-stage.js';
import { resumeExecutionHandler } from './handlers/resume-execution.js';
import { resumeStageHandler } from './handlers/resume-stage.js';
import { resumeTaskHandler } from './handlers/resume-task.js';
import { runTaskHandler } from './handlers/run-task.js';
import { skipStageHandler } from './handlers/skip-stage.js';
import { startExecutionHandler } from './handlers/start-execution.js';
import { startStageHandler } from './handlers/start-stage.js';
import { startTaskHandler } from './handlers/start-task.js';
import { startWaitingExecutionsHandler } from './handlers/start-waiting-executions.js';

/** One handler per message kind; a missing one is a compile error. */
export const handlers = {
  startExecution: startExecutionHandler,
  rescheduleExecution: rescheduleExecutionHandler,
  completeExecution: completeExecutionHandler,
  resumeExecution: resumeExecutionHandler,
  cancelExecution: cancelExecutionHandler,
  startWaitingExecutions: startWaitingExecutionsHandler,
  startStage: startStageHandler,
  continueParentStage: continueParentStageHandler,
  completeStage: completeStageHandler,
  skipStage: skipStageHandler,
  abortStage: abortStageHandler,
  pauseStage: pauseStageHandler,
  resumeStage: resumeStageHandler,
  restartStage: restartStageHandler,
  cancelStage: cancelStageHandler,
  startTask: startTaskHandler,
  runTask: runTaskHandler,
  completeTask: completeTaskHandler,
  pauseTask: pauseTaskHandler,
  resumeTask: resumeTaskHandler,
} satisfies { [K in EngineMessageKind]: Handler<K> };
