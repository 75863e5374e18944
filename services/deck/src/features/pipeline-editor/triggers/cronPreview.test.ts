import { describe, expect, it } from 'vitest';
import { cronFeedback, describeCron } from './cronPreview.js';

describe('describeCron', () => {
  it.each([
    ['0 0 12 * * ?', 'At 12:00, every day'],
    ['0 30 9 ? * MON-FRI', 'At 09:30, Monday through Friday'],
    ['0 0/15 * * * ?', 'Every 15 minutes, every day'],
    ['0 */1 * * * ?', 'Every 1 minute, every day'],
    ['0 5 */2 * * ?', 'At minute 5 every 2 hours, every day'],
    ['0 0 6 1,15 * ?', 'At 06:00, on day 1, 15 of the month'],
    ['0 0 0 L * ?', 'At 00:00, on the last day of the month'],
    ['15 10 8 ? JAN,JUL 2', 'At 08:10:15, Monday, in January, July'],
    ['0 0 3 ? * 1 2030', 'At 03:00, Sunday, in 2030'],
  ])('%s → %s', (expression, text) => expect(describeCron(expression)).toEqual({ valid: true, text }));

  it.each([
    ['0 12 * * *', /6 or 7 fields.*has 5/],
    ['', /has 0/],
    ['0 0 12 1 * MON', /not both/],
    ['0 0 1%2 * * ?', /hours field "1%2"/],
  ])('%j is refused', (expression, message) => {
    const preview = describeCron(expression);
    expect(preview.valid).toBe(false);
    if (!preview.valid) expect(preview.message).toMatch(message);
  });
});

describe('cronFeedback', () => {
  it('uses gate’s verdict for the expression it answered, else the browser’s preview', () => {
    expect(cronFeedback('0 0 12 * * ?', undefined)).toEqual({ valid: true, text: 'At 12:00, every day' });
    expect(
      cronFeedback('0 0 12 * * ?', {
        expression: '0 0 12 * * ?',
        verdict: { valid: false, message: 'echo says no' },
      }),
    ).toEqual({ valid: false, message: 'echo says no' });
    expect(
      cronFeedback('0 0 12 * * ?', {
        expression: '0 0 12 * * ?',
        verdict: { valid: true, description: 'At 12:00 PM' },
      }),
    ).toEqual({ valid: true, text: 'At 12:00 PM' });
    expect(
      cronFeedback('0 0 12 * * ?', {
        expression: '0 0 12 * * ?',
        verdict: { valid: true, description: null },
      }),
    ).toEqual({ valid: true, text: 'At 12:00, every day' });
    // a verdict for an older expression is ignored
    expect(
      cronFeedback('0 0 13 * * ?', { expression: '0 0 12 * * ?', verdict: { valid: false, message: 'old' } }),
    ).toEqual({ valid: true, text: 'At 13:00, every day' });
  });
});
