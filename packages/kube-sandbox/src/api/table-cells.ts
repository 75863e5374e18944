import type { KubeObject, Loose } from '../types.js';

/** `<none>` for an empty cell. */
export const none = (s: string | undefined): string => (s ? s : '<none>');

/** True when the object's condition of `type` is True. */
export const cond = (o: KubeObject, type: string): boolean =>
  ((o.status?.conditions ?? []) as Loose[]).some((c) => c.type === type && c.status === 'True');

/** The pod STATUS cell, following kubectl's printPod rules. */
export function podStatus(pod: KubeObject): {
  status: string;
  ready: number;
  restarts: number;
  lastRestart?: string;
} {
  let reason: string = pod.status?.reason || pod.status?.phase || 'Pending';
  let ready = 0;
  let restarts = 0;
  let running = false;
  let lastRestart: string | undefined;
  for (const c of [...((pod.status?.containerStatuses ?? []) as Loose[])].reverse()) {
    restarts += c.restartCount ?? 0;
    const finished = c.lastState?.terminated?.finishedAt;
    if (finished && (!lastRestart || finished > lastRestart)) lastRestart = finished;
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state?.terminated) reason = `ExitCode:${c.state.terminated.exitCode}`;
    else if (c.state?.running) {
      running = true;
      if (c.ready) ready++;
    }
  }
  if (reason === 'Completed' && running) reason = cond(pod, 'Ready') ? 'Running' : 'NotReady';
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  return { status: reason, ready, restarts, ...(lastRestart ? { lastRestart } : {}) };
}

/** The PORT(S) cell of a Service. */
export function servicePorts(svc: KubeObject): string {
  const ports = ((svc.spec?.ports ?? []) as Loose[]).map(
    (p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`,
  );
  return none(ports.join(','));
}

/** The EXTERNAL-IP cell of a Service. */
export function externalIp(svc: KubeObject): string {
  const type = svc.spec?.type ?? 'ClusterIP';
  if (type === 'ExternalName') return svc.spec.externalName;
  const ips: string[] = [...(svc.spec?.externalIPs ?? [])];
  for (const i of (svc.status?.loadBalancer?.ingress ?? []) as Loose[]) ips.push(i.ip ?? i.hostname);
  if (ips.length) return ips.join(',');
  return type === 'LoadBalancer' ? '<pending>' : '<none>';
}

/** The STATUS cell of a Job (1.32 rules). */
export function jobStatus(job: KubeObject): string {
  if (cond(job, 'Complete')) return 'Complete';
  if (cond(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (cond(job, 'Suspended')) return 'Suspended';
  if (cond(job, 'FailureTarget')) return 'FailureTarget';
  if (cond(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

/** The ENDPOINTS cell (first three addresses, then a count). */
export function endpointsCell(ep: KubeObject): string {
  const all: string[] = [];
  for (const s of (ep.subsets ?? []) as Loose[])
    for (const a of (s.addresses ?? []) as Loose[])
      for (const p of (s.ports ?? [{}]) as Loose[]) all.push(p.port ? `${a.ip}:${p.port}` : a.ip);
  if (!all.length) return '<none>';
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}
