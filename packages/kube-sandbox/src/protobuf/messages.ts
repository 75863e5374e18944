/**
 * Field tables (from k8s.io/api and apimachinery `generated.proto`) for the objects kubectl's
 * typed generators send as protobuf: `kubectl create namespace|configmap|secret|serviceaccount|
 * deployment|job|service`. A field is `[jsonName, type]` or `[jsonName, type, flag]`.
 */

/** How a field's payload is decoded. */
export type FieldType =
  | 'string'
  | 'int'
  | 'bool'
  | 'bytes'
  | 'stringMap'
  | 'bytesMap'
  | 'quantityMap'
  | 'intOrString'
  /** Recognised and ignored (server-owned or status). */
  | 'ignore'
  | { message: string };

/** `repeated` lists; `ptr` keeps zero values (Go pointer fields, e.g. `replicas: 0`). */
export type FieldFlag = 'repeated' | 'ptr';

/** One field of a message. */
export type FieldSpec = readonly [string, FieldType] | readonly [string, FieldType, FieldFlag];

const m = (message: string): { message: string } => ({ message });

/** Messages by name: field number → spec. */
export const MESSAGES: Record<string, Record<number, FieldSpec>> = {
  ObjectMeta: {
    1: ['name', 'string'],
    2: ['generateName', 'string'],
    3: ['namespace', 'string'],
    4: ['selfLink', 'ignore'],
    5: ['uid', 'string'],
    6: ['resourceVersion', 'string'],
    7: ['generation', 'ignore'],
    8: ['creationTimestamp', 'ignore'],
    9: ['deletionTimestamp', 'ignore'],
    10: ['deletionGracePeriodSeconds', 'ignore'],
    11: ['labels', 'stringMap'],
    12: ['annotations', 'stringMap'],
    13: ['ownerReferences', m('OwnerReference'), 'repeated'],
    14: ['finalizers', 'string', 'repeated'],
    17: ['managedFields', 'ignore'],
  },
  OwnerReference: {
    1: ['kind', 'string'],
    3: ['name', 'string'],
    4: ['uid', 'string'],
    5: ['apiVersion', 'string'],
    6: ['controller', 'bool', 'ptr'],
    7: ['blockOwnerDeletion', 'bool', 'ptr'],
  },
  LabelSelector: {
    1: ['matchLabels', 'stringMap'],
    2: ['matchExpressions', m('LabelSelectorRequirement'), 'repeated'],
  },
  LabelSelectorRequirement: {
    1: ['key', 'string'],
    2: ['operator', 'string'],
    3: ['values', 'string', 'repeated'],
  },
  Namespace: { 1: ['metadata', m('ObjectMeta')], 2: ['spec', m('NamespaceSpec')], 3: ['status', 'ignore'] },
  NamespaceSpec: { 1: ['finalizers', 'string', 'repeated'] },
  ConfigMap: {
    1: ['metadata', m('ObjectMeta')],
    2: ['data', 'stringMap'],
    3: ['binaryData', 'bytesMap'],
    4: ['immutable', 'bool', 'ptr'],
  },
  Secret: {
    1: ['metadata', m('ObjectMeta')],
    2: ['data', 'bytesMap'],
    3: ['type', 'string'],
    4: ['stringData', 'stringMap'],
    5: ['immutable', 'bool', 'ptr'],
  },
  ServiceAccount: {
    1: ['metadata', m('ObjectMeta')],
    2: ['secrets', m('ObjectReference'), 'repeated'],
    3: ['imagePullSecrets', m('LocalObjectReference'), 'repeated'],
    4: ['automountServiceAccountToken', 'bool', 'ptr'],
  },
  ObjectReference: { 1: ['kind', 'string'], 2: ['namespace', 'string'], 3: ['name', 'string'] },
  LocalObjectReference: { 1: ['name', 'string'] },
  Deployment: { 1: ['metadata', m('ObjectMeta')], 2: ['spec', m('DeploymentSpec')], 3: ['status', 'ignore'] },
  DeploymentSpec: {
    1: ['replicas', 'int', 'ptr'],
    2: ['selector', m('LabelSelector')],
    3: ['template', m('PodTemplateSpec')],
    4: ['strategy', m('DeploymentStrategy')],
    5: ['minReadySeconds', 'int'],
    6: ['revisionHistoryLimit', 'int', 'ptr'],
    7: ['paused', 'bool'],
    9: ['progressDeadlineSeconds', 'int', 'ptr'],
  },
  DeploymentStrategy: { 1: ['type', 'string'], 2: ['rollingUpdate', m('RollingUpdateDeployment')] },
  RollingUpdateDeployment: { 1: ['maxUnavailable', 'intOrString'], 2: ['maxSurge', 'intOrString'] },
  Job: { 1: ['metadata', m('ObjectMeta')], 2: ['spec', m('JobSpec')], 3: ['status', 'ignore'] },
  JobSpec: {
    1: ['parallelism', 'int', 'ptr'],
    2: ['completions', 'int', 'ptr'],
    3: ['activeDeadlineSeconds', 'int', 'ptr'],
    4: ['selector', m('LabelSelector')],
    5: ['manualSelector', 'bool', 'ptr'],
    6: ['template', m('PodTemplateSpec')],
    7: ['backoffLimit', 'int', 'ptr'],
    8: ['ttlSecondsAfterFinished', 'int', 'ptr'],
    9: ['completionMode', 'string'],
    10: ['suspend', 'bool', 'ptr'],
  },
  Service: { 1: ['metadata', m('ObjectMeta')], 2: ['spec', m('ServiceSpec')], 3: ['status', 'ignore'] },
  ServiceSpec: {
    1: ['ports', m('ServicePort'), 'repeated'],
    2: ['selector', 'stringMap'],
    3: ['clusterIP', 'string'],
    4: ['type', 'string'],
    5: ['externalIPs', 'string', 'repeated'],
    7: ['sessionAffinity', 'string'],
    8: ['loadBalancerIP', 'string'],
    10: ['externalName', 'string'],
    11: ['externalTrafficPolicy', 'string'],
    12: ['healthCheckNodePort', 'int'],
    13: ['publishNotReadyAddresses', 'bool'],
  },
  ServicePort: {
    1: ['name', 'string'],
    2: ['protocol', 'string'],
    3: ['port', 'int'],
    4: ['targetPort', 'intOrString'],
    5: ['nodePort', 'int'],
    6: ['appProtocol', 'string', 'ptr'],
  },
  PodTemplateSpec: { 1: ['metadata', m('ObjectMeta')], 2: ['spec', m('PodSpec')] },
  PodSpec: {
    2: ['containers', m('Container'), 'repeated'],
    3: ['restartPolicy', 'string'],
    4: ['terminationGracePeriodSeconds', 'int', 'ptr'],
    5: ['activeDeadlineSeconds', 'int', 'ptr'],
    6: ['dnsPolicy', 'string'],
    7: ['nodeSelector', 'stringMap'],
    8: ['serviceAccountName', 'string'],
    9: ['serviceAccount', 'string'],
    10: ['nodeName', 'string'],
    11: ['hostNetwork', 'bool'],
    12: ['hostPID', 'bool'],
    13: ['hostIPC', 'bool'],
    16: ['hostname', 'string'],
    17: ['subdomain', 'string'],
    19: ['schedulerName', 'string'],
    20: ['initContainers', m('Container'), 'repeated'],
    24: ['priorityClassName', 'string'],
  },
  Container: {
    1: ['name', 'string'],
    2: ['image', 'string'],
    3: ['command', 'string', 'repeated'],
    4: ['args', 'string', 'repeated'],
    5: ['workingDir', 'string'],
    6: ['ports', m('ContainerPort'), 'repeated'],
    7: ['env', m('EnvVar'), 'repeated'],
    8: ['resources', m('ResourceRequirements')],
    13: ['terminationMessagePath', 'string'],
    14: ['imagePullPolicy', 'string'],
    16: ['stdin', 'bool'],
    17: ['stdinOnce', 'bool'],
    18: ['tty', 'bool'],
    20: ['terminationMessagePolicy', 'string'],
  },
  ContainerPort: {
    1: ['name', 'string'],
    2: ['hostPort', 'int'],
    3: ['containerPort', 'int'],
    4: ['protocol', 'string'],
    5: ['hostIP', 'string'],
  },
  EnvVar: { 1: ['name', 'string'], 2: ['value', 'string'] },
  ResourceRequirements: { 1: ['limits', 'quantityMap'], 2: ['requests', 'quantityMap'] },
};

/** Top-level kinds (`apiVersion/kind` in the envelope) this decoder accepts. */
export const PROTOBUF_KINDS: ReadonlySet<string> = new Set([
  'v1/Namespace',
  'v1/ConfigMap',
  'v1/Secret',
  'v1/ServiceAccount',
  'v1/Service',
  'apps/v1/Deployment',
  'batch/v1/Job',
]);
