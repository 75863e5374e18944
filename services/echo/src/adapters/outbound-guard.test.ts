import { describe, expect, it } from 'vitest';
import { assertOutboundAllowed, OutboundRefusedError, redactedUrl } from './outbound-guard.js';

describe('outbound URL guard', () => {
  it.each([
    ['http://127.0.0.1:9/x', []],
    ['http://localhost/x', []],
    ['http://10.1.2.3/x', []],
    ['http://169.254.169.254/latest/meta-data', []],
    ['http://[::1]/x', []],
    ['http://[::ffff:127.0.0.1]/x', []],
    ['ftp://example.com/x', []],
    ['file:///etc/passwd', []],
    ['http://10.1.2.3/x', ['10.2.0.0/16']],
    ['not a url', []],
  ])('refuses %s (allow %j)', async (url, allow) => {
    await expect(assertOutboundAllowed(url, allow)).rejects.toBeInstanceOf(OutboundRefusedError);
  });

  it.each([
    ['http://127.0.0.1:9/x', ['127.0.0.1']],
    ['http://10.1.2.3/x', ['10.0.0.0/8']],
    ['https://93.184.215.14/hook', []],
  ])('allows %s (allow %j)', async (url, allow) => {
    await expect(assertOutboundAllowed(url, allow)).resolves.toBeInstanceOf(URL);
  });

  it('never logs a webhook path (they carry secrets)', () => {
    expect(redactedUrl('https://hooks.slack.com/services/T0/B0/secret')).toBe('https://hooks.slack.com/…');
  });
});
