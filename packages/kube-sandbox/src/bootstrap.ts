import type { ObjectApi } from './api/object-api.js';
import { timestamp } from './types.js';

const SYSTEM = { fieldManager: 'kube-apiserver' };

/** Creates the objects every cluster starts with: namespaces, nodes, the `kubernetes` Service. */
export function bootstrap(api: ObjectApi, nodes: string[]): void {
  const ns = api.type('v1', 'Namespace');
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    api.create(ns, undefined, { metadata: { name } }, SYSTEM);
  }
  const nodeType = api.type('v1', 'Node');
  const now = timestamp(api.clock.now());
  nodes.forEach((name, i) => {
    const node = api.create(
      nodeType,
      undefined,
      {
        metadata: {
          name,
          labels: {
            'kubernetes.io/hostname': name,
            'kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            'node-role.kubernetes.io/control-plane': '',
            type: 'sandbox',
          },
        },
        spec: { podCIDR: `10.244.${i}.0/24`, podCIDRs: [`10.244.${i}.0/24`] },
      },
      SYSTEM,
    ).object;
    api.update(
      nodeType,
      undefined,
      name,
      {
        ...node,
        status: {
          capacity: { cpu: '32', memory: '256Gi', pods: '1000', 'ephemeral-storage': '1Ti' },
          allocatable: { cpu: '32', memory: '256Gi', pods: '1000', 'ephemeral-storage': '1Ti' },
          conditions: [
            {
              type: 'MemoryPressure',
              status: 'False',
              lastHeartbeatTime: now,
              lastTransitionTime: now,
              reason: 'KubeletHasSufficientMemory',
              message: 'kubelet has sufficient memory available',
            },
            {
              type: 'DiskPressure',
              status: 'False',
              lastHeartbeatTime: now,
              lastTransitionTime: now,
              reason: 'KubeletHasNoDiskPressure',
              message: 'kubelet has no disk pressure',
            },
            {
              type: 'PIDPressure',
              status: 'False',
              lastHeartbeatTime: now,
              lastTransitionTime: now,
              reason: 'KubeletHasSufficientPID',
              message: 'kubelet has sufficient PID available',
            },
            {
              type: 'Ready',
              status: 'True',
              lastHeartbeatTime: now,
              lastTransitionTime: now,
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
            },
          ],
          addresses: [
            { type: 'InternalIP', address: `10.0.0.${10 + i}` },
            { type: 'Hostname', address: name },
          ],
          nodeInfo: {
            architecture: 'amd64',
            containerRuntimeVersion: 'containerd://1.7.0',
            kernelVersion: '6.1.0',
            kubeProxyVersion: 'v1.32.0',
            kubeletVersion: 'v1.32.0',
            operatingSystem: 'linux',
            osImage: 'Genoa kube-sandbox',
            machineID: '',
            systemUUID: '',
            bootID: '',
          },
          phase: 'Running',
        },
      },
      { fieldManager: 'kubelet', subresource: 'status' },
    );
  });
  const svc = api.type('v1', 'Service');
  api.create(
    svc,
    'default',
    {
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      },
    },
    SYSTEM,
  );
  api.create(
    api.type('v1', 'Endpoints'),
    'default',
    {
      metadata: { name: 'kubernetes', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [
        { addresses: [{ ip: '10.0.0.10' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
      ],
    },
    SYSTEM,
  );
}
