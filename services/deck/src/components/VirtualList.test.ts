import { describe, expect, it } from 'vitest';
import { indexAt } from './VirtualList.js';

describe('indexAt', () => {
  const offsets = [0, 50, 130, 180, 260]; // four rows: 50, 80, 50, 80
  it.each([
    [0, 0],
    [49, 0],
    [50, 1],
    [129, 1],
    [130, 2],
    [259, 3],
    [10_000, 3],
  ])('y=%i → row %i', (y, index) => expect(indexAt(offsets, y)).toBe(index));
});
