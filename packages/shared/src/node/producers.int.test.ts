import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisHandle } from '@genoa/testing';
import { queuePrefix } from '../contracts/queues/names.js';
import { createEchoEventProducer, createPipelineRequestProducer, dedupeJobId } from './producers.js';
import { createQueue } from './queue.js';
import { createRedis } from './redis.js';

let redis: RedisHandle;
beforeAll(async () => {
  redis = await startRedis({ ignoreEnv: true });
});
afterAll(async () => {
  await redis?.stop();
});

describe('durable producers', () => {
  it('enqueue each echo event once, however often it is sent', async () => {
    const connection = createRedis(redis.url, { name: 'producer' });
    const producer = createEchoEventProducer(connection);
    const event = { details: { source: 'igor', type: 'build' }, content: { master: 'm' }, eventId: 'b6a3…' };
    await producer.send(event);
    await producer.send(event);
    const queue = createQueue('echo-events', connection);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
    const [job] = await queue.getWaiting();
    expect(job?.data).toEqual(event);
    expect(job?.opts.attempts).toBe(5);
    await Promise.all([producer.close(), queue.close()]);
    connection.disconnect();
  });

  it('enqueue each pipeline start request once per requestKey, even keys BullMQ refuses as ids', async () => {
    const connection = createRedis(redis.url, { name: 'producer' });
    const producer = createPipelineRequestProducer(connection);
    const request = {
      requestKey: 'echo/evt:1/pipeline-42',
      pipeline: { id: 'pipeline-42', application: 'app', stages: [{ type: 'wait' }] },
      trigger: { type: 'webhook' },
    };
    await producer.send(request);
    await producer.send(request);
    const queue = createQueue('orca-pipeline-requests', connection);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
    expect(dedupeJobId(request.requestKey)).toMatch(/^h-[0-9a-f]{40}$/);
    expect(
      await connection.exists(
        `${queuePrefix['orca-pipeline-requests']}:orca-pipeline-requests:${dedupeJobId(request.requestKey)}`,
      ),
    ).toBe(1);
    await Promise.all([producer.close(), queue.close()]);
    connection.disconnect();
  });
});
