import type { EchoConfig } from '../config.js';
import type { NotificationRequest } from '../domain/notification-selection.js';

/** What a notifier may use: config, a guarded POST, an SMTP sender. */
export interface NotifierContext {
  config: EchoConfig;
  /** POSTs JSON to a URL after the outbound guard; throws on network errors and non-2xx. */
  postJson(url: string, body: unknown, headers?: Record<string, string>): Promise<unknown>;
  sendMail?(mail: { to: string[]; cc: string[]; subject: string; text: string; html: string }): Promise<void>;
}

/**
 * One notification channel (echo's `…NotificationAgent` + `…NotificationService`), keyed by the
 * Spinnaker `type` string. `send` throws to have the delivery retried with back-off.
 */
export interface NotifierDefinition {
  type: string;
  send(
    request: NotificationRequest,
    message: { text: string; link: string },
    ctx: NotifierContext,
  ): Promise<void>;
}

/** Declares a notifier (typed identity). */
export const defineNotifier = (definition: NotifierDefinition): NotifierDefinition => definition;
