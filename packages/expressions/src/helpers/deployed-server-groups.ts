import { getProperty, isPlainObject, MISSING } from '../guard.js';
import { defineHelper } from './define-helper.js';
import { executionOf, stagesOf, stringArg } from './support.js';

const DEPLOY_STAGE_TYPES = new Set(['deploy', 'createServerGroup', 'cloneServerGroup', 'rollingPush']);

const obj = (v: unknown): Record<string, unknown> => (isPlainObject(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * `#deployedServerGroups(namesOrIds...)` (also the bare word `deployedServerGroups`): details of the
 * SUCCEEDED deploy/createServerGroup/cloneServerGroup/rollingPush stages that recorded
 * `deploy.server.groups` — account, capacity, parentStage, region, serverGroup, deployments.
 */
export const deployedServerGroupsHelper = defineHelper({
  name: 'deployedServerGroups',
  description: 'Returns the server groups deployed by successful deploy stages',
  minArgs: 0,
  maxArgs: 32,
  call(args, call) {
    const ids = args.map((a) => stringArg(a, 'deployedServerGroups'));
    const out: Record<string, unknown>[] = [];
    for (const stage of stagesOf(executionOf(call, 'deployedServerGroups'))) {
      call.budget.tick();
      const context = obj(stage.context);
      if (!DEPLOY_STAGE_TYPES.has(String(stage.type)) || stage.status !== 'SUCCEEDED') continue;
      if (getProperty(context, 'deploy.server.groups') === MISSING) continue;
      if (ids.length > 0 && !ids.includes(String(stage.name)) && !ids.includes(String(stage.id))) continue;
      let region = typeof context.region === 'string' ? context.region : undefined;
      if (region === undefined && isPlainObject(context.availabilityZones))
        region = Object.keys(context.availabilityZones)[0];
      if (region === undefined) continue;
      const details: Record<string, unknown> = {
        account: context.account ?? null,
        capacity: context.capacity ?? null,
        parentStage: context.parentStage ?? null,
        region,
      };
      for (const d of list(context.deploymentDetails)) {
        if (isPlainObject(d) && d.region === region) for (const k of Object.keys(d)) details[k] = d[k];
      }
      const groups = list(obj(context['deploy.server.groups'])[region]);
      if (groups.length > 0) details.serverGroup = groups[0];
      details.deployments = list(context['kato.tasks']).flatMap((task) =>
        list(obj(task).resultObjects).flatMap((result) => list(obj(result).deployments)),
      );
      out.push(details);
    }
    return out;
  },
});
