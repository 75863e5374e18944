import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startRedis, type RedisHandle } from '@genoa/testing';
import { queuePrefix } from '../contracts/queues/names.js';
import { createLogger } from './logger.js';
import {
  createEchoEventProducer,
  createPipelineRequestProducer,
  dedupeJobId,
  keepCompleted,
  keepCompletedVars,
} from './producers.js';
import { createQueue, createWorker } from './queue.js';
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

  it("the consumer's completed-job retention bounds the queue and is its dedupe window", async () => {
    const schema = z.object(keepCompletedVars('ECHO_EVENTS'));
    expect(keepCompleted(schema.parse({}), 'ECHO_EVENTS')).toEqual({ age: 86_400, count: 10_000 });
    expect(schema.safeParse({ ECHO_EVENTS_KEEP_COMPLETED_COUNT: '0' }).success).toBe(false);
    const config = schema.parse({ ECHO_EVENTS_KEEP_COMPLETED_COUNT: '3' });

    const connection = createRedis(redis.url, { name: 'producer' });
    const workerConnection = createRedis(redis.url, { name: 'consumer', forWorker: true });
    const producer = createEchoEventProducer(connection);
    const queue = createQueue<{ eventId: string }>('echo-events', connection);
    await queue.obliterate({ force: true }); // what the first test left
    const processed: string[] = [];
    const worker = createWorker<{ eventId: string }>(
      'echo-events',
      async (job) => void processed.push(job.data.eventId),
      workerConnection,
      createLogger({ service: 'test', level: 'silent' }),
      { removeOnComplete: keepCompleted(config, 'ECHO_EVENTS') },
    );
    const event = (n: number) => ({ details: { source: 's', type: 't' }, content: {}, eventId: `kept-${n}` });
    const settle = async (count: number) => {
      for (let i = 0; i < 200 && processed.length < count; i++) await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, 100)); // a duplicate would be processed by now
    };
    for (let n = 0; n < 6; n++) await producer.send(event(n));
    await settle(6);
    expect(processed).toHaveLength(6);
    // At most 3 completed jobs are kept, the newest.
    const completed = await queue.getCompleted();
    expect(completed.map((j) => j.data.eventId).sort()).toEqual(['kept-3', 'kept-4', 'kept-5']);

    // Inside the window a replay is dropped; once its job is gone, the same id is taken again.
    await producer.send(event(5));
    await producer.send(event(0));
    await settle(7);
    expect(processed.slice(6)).toEqual(['kept-0']);
    expect(await queue.getJobCounts('completed')).toEqual({ completed: 3 });

    await worker.close();
    await Promise.all([producer.close(), queue.close()]);
    connection.disconnect();
    workerConnection.disconnect();
  });
});
