import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSandbox } from '../sandbox.js';
import { startKubeSandbox } from '../sandbox.js';
import type { Loose } from '../types.js';
import { deploymentYaml, eventually, Kubectl } from './kubectl-harness.js';

// kube-sandbox.md §5 checks 1–12, 24, 30 driven through the real kubectl, in order (16–19 and 23
// are in kubectl-apply.int.test.ts).
let sandbox: KubeSandbox;
let k: Kubectl;
let web: string;
let firstRs = '';

const rsOf = async (app: string): Promise<Loose[]> =>
  (await k.json<{ items: Loose[] }>(['get', 'rs', '-l', `app=${app}`])).items;
const deploy = (name: string): Promise<Loose> => k.json(['get', 'deploy', name]);

beforeAll(async () => {
  sandbox = await startKubeSandbox({ podReadyDelayMs: 60, podDeleteDelayMs: 30 });
  k = new Kubectl(sandbox);
  web = k.file('web.yaml', deploymentYaml('web', 'nginx:1.25'));
});
afterAll(async () => sandbox?.stop());

describe('kubectl against kube-sandbox: deployments', () => {
  it('1 version and discovery', async () => {
    const v = await k.run(['version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/Server Version: v1\.32\./);
    expect(v.stderr).not.toMatch(/WARNING/);
    const r = await k.run(['api-resources']);
    expect(r.stdout).toMatch(/deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/);
    const all = await k.run(['get', 'all', '-A', '-o', 'name']);
    expect(all.stdout).toContain('service/kubernetes');
  });

  it('2 apply creates, then reports unchanged', async () => {
    expect((await k.run(['apply', '-f', web])).stdout.trim()).toBe('deployment.apps/web created');
    expect((await k.run(['apply', '-f', web])).stdout.trim()).toBe('deployment.apps/web unchanged');
  });

  it('3 server defaults', async () => {
    const d = await deploy('web');
    expect(d.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    });
    expect(d.spec.revisionHistoryLimit).toBe(10);
    expect(d.spec.progressDeadlineSeconds).toBe(600);
    const c = d.spec.template.spec.containers[0];
    expect(c).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    });
    expect(c.ports[0].protocol).toBe('TCP');
    expect(d.spec.template.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
    });
  });

  it('4 first rollout completes with conditions', async () => {
    const r = await k.run(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('deployment "web" successfully rolled out');
    const d = await deploy('web');
    expect(d.metadata.generation).toBe(1);
    expect(d.status.observedGeneration).toBe(1);
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    const reasons = d.status.conditions.map((c: Loose) => `${c.type}/${c.status}/${c.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'Available/True/MinimumReplicasAvailable',
        'Progressing/True/NewReplicaSetAvailable',
      ]),
    );
  });

  it('5 ReplicaSet naming, annotations, ownership; pods Running and Ready', async () => {
    const [rs, ...rest] = await rsOf('web');
    expect(rest).toHaveLength(0);
    const hash = rs.metadata.labels['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    const d = await deploy('web');
    expect(rs.metadata.ownerReferences[0]).toMatchObject({
      kind: 'Deployment',
      uid: d.metadata.uid,
      controller: true,
    });
    firstRs = rs.metadata.name;
    const pods = (await k.json<{ items: Loose[] }>(['get', 'pods', '-l', 'app=web'])).items;
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^${firstRs}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.status.phase).toBe('Running');
      expect(p.status.podIP).toMatch(/^10\.244\./);
      expect(p.status.conditions.find((c: Loose) => c.type === 'Ready').status).toBe('True');
    }
  });

  it('6 set image rolls out step by step', async () => {
    // Sample every pod change while rolling: pods not terminating never exceed replicas+maxSurge
    // (3+1) and ready ones never drop below replicas-maxUnavailable (3-0).
    const state = new Map<string, { live: boolean; ready: boolean }>();
    let maxLive = 0;
    let minReady = Infinity;
    const trace: string[] = [];
    const unsubscribe = sandbox.store.subscribe((e) => {
      if (e.key !== '/pods' || e.object.metadata.labels?.app !== 'web') return;
      if (e.type === 'DELETED') state.delete(e.object.metadata.name!);
      else
        state.set(e.object.metadata.name!, {
          live: !e.object.metadata.deletionTimestamp,
          ready:
            !e.object.metadata.deletionTimestamp &&
            !!e.object.status?.conditions?.some((c: Loose) => c.type === 'Ready' && c.status === 'True'),
        });
      const all = [...state.values()];
      maxLive = Math.max(maxLive, all.filter((p) => p.live).length);
      minReady = Math.min(minReady, all.filter((p) => p.ready).length);
      trace.push(
        `${e.type} ${e.object.metadata.name} live=${all.filter((p) => p.live).length} ready=${all.filter((p) => p.ready).length}`,
      );
    });
    // minReadySeconds=1 holds each step for a second, so kubectl's progress lines do not depend on
    // how fast kubectl starts on a loaded machine.
    await k.run(['patch', 'deployment/web', '--type=merge', '-p', '{"spec":{"minReadySeconds":1}}']);
    await eventually(async () => (await deploy('web')).status.observedGeneration === 2);
    for (const p of (await k.json<{ items: Loose[] }>(['get', 'pods', '-l', 'app=web'])).items)
      state.set(p.metadata.name, { live: true, ready: true });
    expect((await k.run(['set', 'image', 'deployment/web', 'nginx=nginx:1.26'])).stdout).toContain(
      'deployment.apps/web image updated',
    );
    const r = await k.run(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    unsubscribe();
    expect(maxLive, trace.join('\n')).toBe(4);
    expect(minReady, trace.join('\n')).toBe(3);
    expect(r.code).toBe(0);
    const lines = [
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      'Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...',
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
      'deployment "web" successfully rolled out',
    ].map((l) => r.stdout.indexOf(l));
    expect(lines.every((at) => at >= 0)).toBe(true);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    await k.run(['patch', 'deployment/web', '--type=merge', '-p', '{"spec":{"minReadySeconds":0}}']);
    const d = await deploy('web');
    expect(d.metadata.generation).toBe(4);
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    const rss = await rsOf('web');
    expect(rss).toHaveLength(2);
    expect(rss.find((x) => x.metadata.name === firstRs).spec.replicas).toBe(0);
    const ev = await k.run([
      'get',
      'events',
      '--field-selector',
      'involvedObject.name=web,reason=ScalingReplicaSet',
      '-o',
      'jsonpath={.items[*].message}',
    ]);
    expect(ev.stdout).toMatch(/Scaled down replica set web-\w+ to 2 from 3/);
  });

  it('7 rollout history lists revisions 1 and 2', async () => {
    const r = await k.run(['rollout', 'history', 'deployment/web']);
    expect(r.stdout).toMatch(/^1\s+<none>$/m);
    expect(r.stdout).toMatch(/^2\s+<none>$/m);
  });

  it('8 rollout undo to revision 1 reuses the original ReplicaSet', async () => {
    expect((await k.run(['rollout', 'undo', 'deployment/web', '--to-revision=1'])).stdout).toContain(
      'deployment.apps/web rolled back',
    );
    expect((await k.run(['rollout', 'status', 'deployment/web', '--timeout=30s'])).code).toBe(0);
    const d = await deploy('web');
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.25');
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    const rs = (await rsOf('web')).find((x) => x.metadata.name === firstRs);
    expect(rs.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
    expect(rs.spec.replicas).toBe(3);
    const again = await k.run(['rollout', 'undo', 'deployment/web', '--to-revision=1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('unable to find specified revision 1 in history');
    expect((await k.run(['rollout', 'undo', 'deployment/web', '--to-revision=3'])).stdout).toContain(
      'skipped rollback (current template already matches revision 3)',
    );
  });

  it('9 rollout restart creates revision 4', async () => {
    expect((await k.run(['rollout', 'restart', 'deployment/web'])).stdout).toContain(
      'deployment.apps/web restarted',
    );
    expect((await k.run(['rollout', 'status', 'deployment/web', '--timeout=30s'])).code).toBe(0);
    const d = await deploy('web');
    expect(d.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('4');
  });

  it('10 pause holds a template change; resume completes it', async () => {
    expect((await k.run(['rollout', 'pause', 'deployment/web'])).stdout).toContain('paused');
    await k.run(['set', 'image', 'deployment/web', 'nginx=nginx:1.27']);
    const d = await eventually(async () => {
      const x = await deploy('web');
      return x.status.observedGeneration === x.metadata.generation && x;
    });
    expect(d.status.conditions.find((c: Loose) => c.type === 'Progressing')).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
    });
    expect((await rsOf('web')).some((x) => x.spec.template.spec.containers[0].image === 'nginx:1.27')).toBe(
      false,
    );
    expect((await k.run(['rollout', 'status', 'deployment/web', '--timeout=2s'])).code).toBe(1);
    expect((await k.run(['rollout', 'undo', 'deployment/web'])).stderr).toContain(
      'you cannot rollback a paused deployment',
    );
    expect((await k.run(['rollout', 'resume', 'deployment/web'])).stdout).toContain('resumed');
    expect((await k.run(['rollout', 'status', 'deployment/web', '--timeout=30s'])).code).toBe(0);
    expect((await rsOf('web')).some((x) => x.spec.template.spec.containers[0].image === 'nginx:1.27')).toBe(
      true,
    );
  });

  it('11 scale through the scale subresource', async () => {
    expect((await k.run(['scale', 'deployment/web', '--replicas=0'])).stdout).toContain(
      'deployment.apps/web scaled',
    );
    expect((await k.run(['rollout', 'status', 'deployment/web', '--timeout=30s'])).code).toBe(0);
    await eventually(
      async () => (await k.json<{ items: Loose[] }>(['get', 'pods', '-l', 'app=web'])).items.length === 0,
    );
    await k.run(['scale', 'deployment/web', '--replicas=2']);
    const bad = await k.run(['scale', 'deployment/web', '--current-replicas=5', '--replicas=1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Expected replicas to be 5, was 2');
    expect(
      (await k.run(['get', '--raw', '/apis/apps/v1/namespaces/default/deployments/web/scale'])).stdout,
    ).toContain('"selector":"app=web"');
  });

  it('12 failing rollouts report ProgressDeadlineExceeded; undo recovers', async () => {
    await k.run(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    await k.run(['patch', 'deployment/web', '--type=merge', '-p', '{"spec":{"progressDeadlineSeconds":2}}']);
    await k.run(['set', 'image', 'deployment/web', 'nginx=nginx:unpullable']);
    const r = await k.run(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('deployment "web" exceeded its progress deadline');
    const d = await deploy('web');
    expect(d.status.conditions.find((c: Loose) => c.type === 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
    });
    const pods = (await k.json<{ items: Loose[] }>(['get', 'pods', '-l', 'app=web'])).items;
    expect(
      pods.filter((p) => p.status.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff'),
    ).toHaveLength(1);
    expect(pods.filter((p) => p.status.phase === 'Running')).toHaveLength(2);
    expect((await k.run(['rollout', 'undo', 'deployment/web'])).stdout).toContain('rolled back');
    expect((await k.run(['rollout', 'status', 'deployment/web', '--timeout=30s'])).code).toBe(0);
    await k.run(['set', 'image', 'deployment/web', 'nginx=nginx:crashloop']);
    const crash = await k.run(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    expect(crash.stderr).toContain('exceeded its progress deadline');
    const crashing = (await k.json<{ items: Loose[] }>(['get', 'pods', '-l', 'app=web'])).items.find(
      (p) => p.spec.containers[0].image === 'nginx:crashloop',
    );
    expect(crashing.status.phase).toBe('Running');
    expect(crashing.status.containerStatuses[0].restartCount).toBeGreaterThan(1);
    const desc = await k.run(['describe', 'pod', crashing.metadata.name]);
    expect(desc.stdout).toMatch(/BackOff/);
    await k.run(['rollout', 'undo', 'deployment/web']);
    expect((await k.run(['rollout', 'status', 'deployment/web', '--timeout=30s'])).code).toBe(0);
  });

  it('24 server dry run persists nothing; diff shows the change', async () => {
    const before = await deploy('web');
    const changed = k.file('changed.yaml', deploymentYaml('web', 'nginx:1.28'));
    expect((await k.run(['apply', '--dry-run=server', '-f', changed])).stdout).toContain('(server dry run)');
    expect((await deploy('web')).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    const diff = await k.run(['diff', '-f', changed]);
    expect(diff.stdout).toMatch(/^\+\s+(- )?image: nginx:1\.28$/m);
    expect(diff.stdout).not.toMatch(/^\+\s+(- )?name: nginx$/m);
  });

  it('30 describe shows the new ReplicaSet and scaling events', async () => {
    const r = await k.run(['describe', 'deployment', 'web']);
    expect(r.stdout).toMatch(/NewReplicaSet:\s+web-\w+ \((\d)\/\1 replicas created\)/);
    expect(r.stdout).toMatch(/ScalingReplicaSet/);
  });
});
