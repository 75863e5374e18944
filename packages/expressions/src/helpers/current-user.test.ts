import { describe, expect, it } from 'vitest';
import { evalSample } from '../test-fixtures.js';
import { currentUserHelper } from './current-user.js';

describe('#currentUser', () => {
  it('is registered under its name', () => {
    expect(currentUserHelper.name).toBe('currentUser');
  });

  it.each<[string, unknown]>([['#currentUser()', 'alice']])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });
});
