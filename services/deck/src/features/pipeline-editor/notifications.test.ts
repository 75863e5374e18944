import type { Notification } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import {
  JUDGMENT_EVENTS,
  messageFor,
  messageText,
  newNotification,
  notificationErrors,
  PIPELINE_EVENTS,
  toggleWhen,
} from './notifications.js';

describe('notifications', () => {
  it('keeps events in the offered order and re-keys the custom message to them', () => {
    let n: Notification = { ...newNotification('pipeline'), address: '#deploys' };
    n = { ...n, message: messageFor(['pipeline.failed'], 'it broke') };
    n = toggleWhen({ ...n, when: ['pipeline.failed'] }, PIPELINE_EVENTS, 'pipeline.starting', true);
    expect(n.when).toEqual(['pipeline.starting', 'pipeline.failed']);
    expect(n.message).toEqual({
      'pipeline.starting': { text: 'it broke' },
      'pipeline.failed': { text: 'it broke' },
    });
    n = toggleWhen(n, PIPELINE_EVENTS, 'pipeline.starting', false);
    expect(n.message).toEqual({ 'pipeline.failed': { text: 'it broke' } });
    expect(messageText(n)).toBe('it broke');
  });

  it('drops an empty message', () => {
    expect(messageFor(['manualJudgment'], '  ')).toBeUndefined();
    expect(messageText(newNotification('stage'))).toBe('');
  });

  it('checks the address per channel and asks for at least one event', () => {
    expect(notificationErrors(newNotification('stage'))).toEqual({
      address: 'Slack channel is required.',
      when: 'Choose at least one event.',
    });
    expect(notificationErrors({ type: 'email', address: 'a@b, nope', when: ['manualJudgment'] })).toEqual({
      address: 'Use email addresses, comma-separated.',
    });
    expect(notificationErrors({ type: 'webhook', address: 'ftp://x', when: ['pipeline.failed'] })).toEqual({
      address: 'Use an http(s) URL.',
    });
    expect(
      notificationErrors({
        type: 'microsoftteams',
        address: 'https://teams/x',
        when: [JUDGMENT_EVENTS[0]!.when],
      }),
    ).toEqual({});
  });
});
