import { describe, expect, it } from 'vitest';
import { isBlockedAddress, isNumericHostForm, parseIPv6 } from './ip-policy.js';

describe('the address policy', () => {
  it.each([
    '0.0.0.0',
    '10.1.2.3',
    '100.64.0.1',
    '127.0.0.1',
    '169.254.169.254',
    '172.16.0.1',
    '192.168.1.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a00:1',
    '2002:c0a8:101::1',
    'not-an-ip',
  ])('refuses %s', (address) => expect(isBlockedAddress(address)).toBe(true));

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  it.each(['2130706433', '0x7f000001', '0x7f.0.0.1', '0177.0.0.1', '127.1', 'foo.123'])(
    'flags %s as a numeric host form',
    (host) => {
      expect(isNumericHostForm(host)).toBe(true);
    },
  );

  it.each(['example.com', '127.0.0.1', 'a1.example.com'])('does not flag %s', (host) => {
    expect(isNumericHostForm(host)).toBe(false);
  });

  it('parses IPv6 with :: and embedded IPv4', () => {
    expect(parseIPv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIPv6('[2001:db8::1]')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
  });
});
