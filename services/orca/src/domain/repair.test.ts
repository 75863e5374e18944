import type { PipelineExecution } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import { buildPipelineExecution } from './execution-builder.js';
import { repairMessages } from './repair.js';

const exec = (): PipelineExecution =>
  buildPipelineExecution(
    {
      application: 'a',
      id: 'c',
      stages: [
        { type: 'wait', refId: '1' },
        { type: 'wait', refId: '2', requisiteStageRefIds: ['1'] },
      ],
    },
    {},
    { now: 1 },
  );

describe('repairMessages', () => {
  it('re-sends startExecution for a NOT_STARTED execution', () => {
    expect(repairMessages(exec()).messages.map((m) => m.kind)).toEqual(['startExecution']);
  });
  it('asks for a runTask for a RUNNING task, and a startStage for a stage whose upstreams are done', () => {
    const e = exec();
    e.status = 'RUNNING';
    e.stages[0]!.status = 'RUNNING';
    e.stages[0]!.tasks = [{ id: '1', name: 'wait', status: 'RUNNING' }];
    expect(repairMessages(e).runTasks.map((m) => m.kind)).toEqual(['runTask']);
    e.stages[0]!.status = 'SUCCEEDED';
    e.stages[0]!.tasks![0]!.status = 'SUCCEEDED';
    expect(repairMessages(e).messages.map((m) => m.kind)).toEqual(['startStage']);
  });
  it('completes the stage whose tasks are all done, and the execution when nothing is left', () => {
    const e = exec();
    e.status = 'RUNNING';
    e.stages[0]!.status = 'RUNNING';
    e.stages[0]!.tasks = [{ id: '1', name: 'wait', status: 'SUCCEEDED', stageEnd: true }];
    expect(repairMessages(e).messages.map((m) => m.kind)).toEqual(['completeStage']);
    e.stages.forEach((s) => (s.status = 'SUCCEEDED'));
    expect(repairMessages(e).messages.map((m) => m.kind)).toEqual(['completeExecution']);
  });
});
