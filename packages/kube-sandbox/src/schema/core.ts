import { any, bool, int, intOrString, keyed, list, map, obj, open, quantity, set, str } from './dsl.js';
import type { ObjectSchema, Schema } from './dsl.js';

/** metav1.ObjectMeta. */
export const objectMeta: ObjectSchema = obj({
  name: str,
  generateName: str,
  namespace: str,
  selfLink: str,
  uid: str,
  resourceVersion: str,
  generation: int,
  creationTimestamp: str,
  deletionTimestamp: str,
  deletionGracePeriodSeconds: int,
  labels: map(),
  annotations: map(),
  ownerReferences: keyed(
    obj({ apiVersion: str, kind: str, name: str, uid: str, controller: bool, blockOwnerDeletion: bool }),
    'uid',
  ),
  finalizers: set(str),
  managedFields: list(any),
});

/** metav1.LabelSelector. */
export const labelSelector: ObjectSchema = obj({
  matchLabels: map(),
  matchExpressions: list(obj({ key: str, operator: str, values: list(str) })),
});

/** A condition list merged by `type`. */
export const conditions: Schema = keyed(open({ type: str, status: str }), 'type');

const containerPort = obj({ containerPort: int, hostPort: int, hostIP: str, name: str, protocol: str });
const envVar = obj({ name: str, value: str, valueFrom: any });
const volumeMount = obj({
  name: str,
  mountPath: str,
  readOnly: bool,
  subPath: str,
  subPathExpr: str,
  mountPropagation: str,
  recursiveReadOnly: str,
});
const resources = obj({ limits: map(quantity), requests: map(quantity), claims: list(any) });

/** core/v1 Container (also init and ephemeral containers). */
export const container: ObjectSchema = obj({
  name: str,
  image: str,
  command: list(str),
  args: list(str),
  workingDir: str,
  ports: keyed(containerPort, 'containerPort', { mapKeys: ['containerPort', 'protocol'] }),
  envFrom: list(any),
  env: keyed(envVar, 'name'),
  resources,
  resizePolicy: list(any),
  restartPolicy: str,
  volumeMounts: keyed(volumeMount, 'mountPath'),
  volumeDevices: keyed(obj({ name: str, devicePath: str }), 'devicePath'),
  livenessProbe: any,
  readinessProbe: any,
  startupProbe: any,
  lifecycle: any,
  terminationMessagePath: str,
  terminationMessagePolicy: str,
  imagePullPolicy: str,
  securityContext: any,
  stdin: bool,
  stdinOnce: bool,
  tty: bool,
  targetContainerName: str,
});

/** core/v1 PodSpec. */
export const podSpec: ObjectSchema = obj({
  volumes: keyed(open({ name: str }), 'name', { strategy: 'merge,retainKeys' }),
  initContainers: keyed(container, 'name'),
  containers: keyed(container, 'name'),
  ephemeralContainers: keyed(container, 'name'),
  restartPolicy: str,
  terminationGracePeriodSeconds: int,
  activeDeadlineSeconds: int,
  dnsPolicy: str,
  nodeSelector: map(),
  serviceAccountName: str,
  serviceAccount: str,
  automountServiceAccountToken: bool,
  nodeName: str,
  hostNetwork: bool,
  hostPID: bool,
  hostIPC: bool,
  shareProcessNamespace: bool,
  securityContext: any,
  imagePullSecrets: keyed(obj({ name: str }), 'name'),
  hostname: str,
  subdomain: str,
  affinity: any,
  schedulerName: str,
  tolerations: list(any),
  hostAliases: keyed(obj({ ip: str, hostnames: list(str) }), 'ip'),
  priorityClassName: str,
  priority: int,
  dnsConfig: any,
  readinessGates: list(any),
  runtimeClassName: str,
  enableServiceLinks: bool,
  preemptionPolicy: str,
  overhead: map(quantity),
  topologySpreadConstraints: keyed(open({ topologyKey: str }), 'topologyKey', {
    mapKeys: ['topologyKey', 'whenUnsatisfiable'],
  }),
  setHostnameAsFQDN: bool,
  os: any,
  hostUsers: bool,
  schedulingGates: keyed(obj({ name: str }), 'name'),
  resourceClaims: keyed(open({ name: str }), 'name', { strategy: 'merge,retainKeys' }),
  resources,
});

/** core/v1 PodTemplateSpec. */
export const podTemplate: ObjectSchema = obj({ metadata: objectMeta, spec: podSpec });

/** An open status object whose `conditions` merge by type. */
export const status: ObjectSchema = open({ conditions });

/** Helpers re-exported for the kind schemas. */
export { any, bool, int, intOrString, keyed, list, map, obj, open, str };
