import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { ulid } from './ids.js';

describe('ulid', () => {
  it('is a ULID whose time decodes back and whose random part differs between ids', () => {
    const now = Date.UTC(2026, 0, 7, 18, 0, 0);
    const ids = Array.from({ length: 1000 }, () => ulid(now));
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(decodeTime(ids[0]!)).toBe(now);
    expect(new Set(ids).size).toBe(1000);
    expect(ulid(now + 1) > ulid(now)).toBe(true);
  });
});
