import type { EchoEvent } from '@genoa/shared';
import type { Logger } from '@genoa/shared/node';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { createTransport, type Transporter } from 'nodemailer';
import type { EchoConfig } from '../config.js';
import { describe, selectNotifications, type NotificationRequest } from '../domain/notification-selection.js';
import type { LifecycleListener } from '../event-processor.js';
import type { NotifierContext } from '../notifiers/define-notifier.js';
import { notifierDefinitions } from '../notifiers/index.js';
import { dedupeJobId } from '@genoa/shared/node';
import { assertOutboundAllowed, redactedUrl } from './outbound-guard.js';

/** echo's own delivery queue (internal to echo, so not in the shared queue contract). */
export const NOTIFICATION_QUEUE = 'echo-notifications';
const PREFIX = '{echo}';

/**
 * Turns orca lifecycle events into deliveries on `echo-notifications` (one job per event and
 * preference, deduped by id), so a slow or down receiver never blocks the event worker or orca.
 */
export class NotificationDispatcher implements LifecycleListener {
  private readonly queue: Queue<NotificationRequest>;
  constructor(
    connection: Redis,
    private readonly config: EchoConfig,
  ) {
    this.queue = new Queue<NotificationRequest>(NOTIFICATION_QUEUE, { connection, prefix: PREFIX });
  }

  async onEvent(event: EchoEvent): Promise<void> {
    const requests = selectNotifications(event);
    await Promise.all(
      requests.map((request, i) =>
        this.queue.add('notify', request, {
          jobId: dedupeJobId(`${event.eventId}/${i}/${request.notification.type}/${request.when}`),
          attempts: this.config.ECHO_NOTIFICATION_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.ECHO_NOTIFICATION_BACKOFF_MS },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        }),
      ),
    );
  }

  /** Queues one delivery directly (`POST /notifications`), deduped by `key`. */
  async enqueue(request: NotificationRequest, key: string): Promise<void> {
    await this.queue.add('notify', request, {
      jobId: dedupeJobId(key),
      attempts: this.config.ECHO_NOTIFICATION_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.ECHO_NOTIFICATION_BACKOFF_MS },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/** The notifier context: guarded JSON POSTs and an SMTP transport when configured. */
export function notifierContext(config: EchoConfig, mailer: Transporter | undefined): NotifierContext {
  return {
    config,
    async postJson(url, body, headers = {}) {
      await assertOutboundAllowed(url, config.ECHO_OUTBOUND_ALLOW);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${redactedUrl(url)} answered ${res.status}`);
      try {
        return text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        return text;
      }
    },
    sendMail: mailer
      ? async (mail) => {
          await mailer.sendMail({ from: config.ECHO_MAIL_FROM, ...mail });
        }
      : undefined,
  };
}

/** The delivery worker: one notifier per `type`, retries with exponential back-off. */
export function createNotificationWorker(
  config: EchoConfig,
  connection: Redis,
  logger: Logger,
): Worker<NotificationRequest> {
  const mailer = config.ECHO_SMTP_URL ? createTransport(config.ECHO_SMTP_URL) : undefined;
  const ctx = notifierContext(config, mailer);
  const byType = new Map(notifierDefinitions.map((n) => [n.type.toLowerCase(), n]));
  const worker = new Worker<NotificationRequest>(
    NOTIFICATION_QUEUE,
    async (job: Job<NotificationRequest>) => {
      const request = job.data;
      const notifier = byType.get(request.notification.type.toLowerCase());
      if (!notifier) {
        logger.debug({ notificationType: request.notification.type }, 'no notifier for this type');
        return;
      }
      await notifier.send(request, describe(request, config.ECHO_BASE_URL), ctx);
      logger.info(
        { notificationType: notifier.type, when: request.when, executionId: request.executionId },
        'notification sent',
      );
    },
    { connection, prefix: PREFIX, concurrency: 8 },
  );
  worker.on('failed', (job, err) =>
    logger.warn(
      {
        notificationType: job?.data.notification.type,
        when: job?.data.when,
        attempt: job?.attemptsMade,
        err: { name: err.name, message: err.message },
      },
      'notification delivery failed',
    ),
  );
  worker.on('error', (err) => logger.error({ err }, 'notification worker error'));
  worker.on('closed', () => mailer?.close());
  return worker;
}
