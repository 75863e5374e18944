import { randomBytes } from 'node:crypto';
import type { ObjectApi } from '../api/object-api.js';
import type { KubeObject } from '../types.js';
import { clone, timestamp } from '../types.js';

/** Writes core/v1 Events the way controllers and the kubelet do, aggregating repeats. */
export class EventRecorder {
  private readonly seen = new Map<string, string>();

  constructor(private readonly api: ObjectApi) {}

  /** Records `reason`/`message` about `obj` from `component`. */
  record(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
  ): void {
    const rt = this.api.resources.get('', 'v1', 'events');
    if (!rt) return;
    const ns = obj.metadata.namespace ?? 'default';
    const now = timestamp(this.api.clock.now());
    const key = `${obj.metadata.uid}|${reason}|${message}`;
    const existing = this.seen.get(key);
    try {
      if (existing) {
        const ev = this.api.find(rt, ns, existing);
        if (ev) {
          const next = clone(ev);
          next.count = (ev.count ?? 1) + 1;
          next.lastTimestamp = now;
          this.api.update(rt, ns, existing, next, { fieldManager: component });
          return;
        }
      }
      const name = `${obj.metadata.name}.${randomBytes(8).toString('hex')}`;
      this.api.create(
        rt,
        ns,
        {
          metadata: { name, namespace: ns },
          involvedObject: {
            kind: obj.kind,
            namespace: obj.metadata.namespace,
            name: obj.metadata.name,
            uid: obj.metadata.uid,
            apiVersion: obj.apiVersion,
            resourceVersion: obj.metadata.resourceVersion,
          },
          reason,
          message,
          type,
          source: { component },
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
          reportingComponent: component,
          reportingInstance: '',
        },
        { fieldManager: component },
      );
      this.seen.set(key, name);
    } catch {
      // Events are best effort, as in a real cluster (e.g. the namespace is terminating).
    }
  }
}
