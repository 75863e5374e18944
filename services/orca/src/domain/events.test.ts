import { describe, expect, it } from 'vitest';
import type { PipelineExecution } from '@genoa/shared';
import { stageEvent, taskEvent } from './events.js';

const execution = {
  id: '01EXEC',
  type: 'PIPELINE',
  application: 'demo',
  name: 'release',
  status: 'RUNNING',
  canceled: false,
  stages: [
    {
      id: 's1',
      refId: '1',
      type: 'wait',
      name: 'Soak',
      status: 'RUNNING',
      startTime: 10,
      context: { waitTime: 1 },
      tasks: [{ id: '1', name: 'wait', status: 'SUCCEEDED', startTime: 11, endTime: 12 }],
    },
  ],
} as unknown as PipelineExecution;
const stage = execution.stages[0]!;

// echo's listeners read these fields (edge.md §4.1): stage and task events share the stage part.
describe('orca lifecycle events', () => {
  it('describe a stage with Spinnaker’s stage-listener fields', () => {
    const event = stageEvent(execution, stage, 'starting', 99);
    expect(event.details).toMatchObject({ source: 'orca', type: 'orca:stage:starting', application: 'demo' });
    expect(event.content).toMatchObject({
      standalone: false,
      canceled: false,
      context: { waitTime: 1 },
      executionId: '01EXEC',
      stageId: 's1',
      isSynthetic: false,
      name: 'Soak',
      type: 'wait',
      status: 'RUNNING',
      startTime: 10,
    });
    expect(event.eventId).toBe('orca:stage:starting:s1:10');
  });

  it('describe a task with its own name, times and status on top of the stage part', () => {
    const event = taskEvent(execution, stage, stage.tasks![0]!, 'complete', 99);
    expect(event.content).toMatchObject({
      executionId: '01EXEC',
      stageId: 's1',
      name: 'Soak',
      taskName: 'wait',
      status: 'SUCCEEDED',
      startTime: 11,
      endTime: 12,
    });
    expect(event.eventId).toBe('orca:task:complete:s1:1:11');
  });
});
