import type { Loose } from '../types.js';
import { clone, timestamp } from '../types.js';
import { getCondition, setCondition } from './conditions.js';
import type { Controller } from './controller.js';
import { CONTROLLER_MANAGER, controllerOf, keyOf, splitKey } from './controller.js';
import { createPod, deletePod, isReady, ownedPods } from './pods.js';

/** The Job controller: completions, parallelism, backoffLimit, Complete/Failed conditions. */
export const jobController: Controller = {
  name: 'job',
  keysFor(e) {
    if (e.key === 'batch/jobs') return [keyOf(e.object)];
    if (e.key === '/pods') {
      const owner = controllerOf(e.object);
      return owner?.kind === 'Job' ? [`${e.object.metadata.namespace}/${owner.name}`] : [];
    }
    return [];
  },
  reconcile(key, ctx) {
    const [ns, name] = splitKey(key);
    const job = ctx.store.get('batch/jobs', ns, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const conds: Loose[] = clone(job.status?.conditions ?? []);
    const finished = ['Complete', 'Failed'].some((t) => getCondition(conds, t)?.status === 'True');
    const pods = ownedPods(ctx, job);
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
    let active = pods.filter(
      (p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    );
    const now = ctx.clock.now();
    const spec = job.spec ?? {};
    const completions: number = spec.completions ?? 1;
    const st: Loose = { ...(job.status ?? {}), startTime: job.status?.startTime ?? timestamp(now) };
    let next = conds;
    if (!finished && !spec.suspend) {
      if (failed > (spec.backoffLimit ?? 6)) {
        for (const p of active) deletePod(ctx, job, p);
        active = [];
        const msg = 'Job has reached the specified backoff limit';
        next = setCondition(
          next,
          { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: msg },
          now,
          false,
        );
        next = setCondition(
          next,
          { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: msg },
          now,
          false,
        );
        next = next.map((c) => ({ ...c, lastProbeTime: c.lastProbeTime ?? timestamp(now) }));
        ctx.events.record(job, 'Warning', 'BackoffLimitExceeded', msg, 'job-controller');
      } else if (succeeded >= completions) {
        next = setCondition(
          next,
          {
            type: 'SuccessCriteriaMet',
            status: 'True',
            reason: 'CompletionsReached',
            message: 'Reached expected number of succeeded pods',
          },
          now,
          false,
        );
        next = setCondition(
          next,
          {
            type: 'Complete',
            status: 'True',
            reason: 'CompletionsReached',
            message: 'Reached expected number of succeeded pods',
          },
          now,
          false,
        );
        next = next.map((c) => ({ ...c, lastProbeTime: c.lastProbeTime ?? timestamp(now) }));
        st.completionTime = timestamp(now);
        ctx.events.record(job, 'Normal', 'Completed', 'Job completed', 'job-controller');
      } else {
        const want = Math.min(spec.parallelism ?? 1, completions - succeeded) - active.length;
        for (let i = 0; i < want; i++) active.push(createPod(ctx, job, spec.template));
      }
    }
    st.active = active.length || undefined;
    st.ready = active.filter(isReady).length;
    st.succeeded = succeeded || undefined;
    st.failed = failed || undefined;
    st.terminating = 0;
    st.uncountedTerminatedPods = {};
    if (next.length) st.conditions = next;
    const body = clone(job);
    body.status = JSON.parse(JSON.stringify(st));
    ctx.api.update(ctx.type('batch', 'jobs'), ns, name, body, {
      ...CONTROLLER_MANAGER,
      subresource: 'status',
    });
  },
};
