import { describe, expect, it } from 'vitest';
import { evalSample } from '../test-fixtures.js';
import { deployedServerGroupsHelper } from './deployed-server-groups.js';

describe('#deployedServerGroups', () => {
  it('is registered under its name', () => {
    expect(deployedServerGroupsHelper.name).toBe('deployedServerGroups');
  });

  it.each<[string, unknown]>([
    ['#deployedServerGroups()[0].serverGroup', 'app-v001'],
    ["#deployedServerGroups('Deploy ASG')[0].region", 'us-east-1'],
    ['deployedServerGroups[0].account', 'aws-prod'],
    ['#deployedServerGroups()[0].deployments[0].serverGroupName', 'app-v001'],
    ["#deployedServerGroups('Other').size()", 0],
  ])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });
});
