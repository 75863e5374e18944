import {
  any,
  bool,
  conditions,
  int,
  intOrString,
  keyed,
  labelSelector,
  list,
  map,
  obj,
  objectMeta,
  open,
  podSpec,
  podTemplate,
  status,
  str,
} from './core.js';
import type { ObjectSchema, Schema } from './dsl.js';

const top = (fields: Record<string, Schema>): ObjectSchema =>
  obj({ apiVersion: str, kind: str, metadata: objectMeta, ...fields });

const rollingUpdate = obj({ maxSurge: intOrString, maxUnavailable: intOrString, partition: int });
const servicePort = obj({
  name: str,
  protocol: str,
  appProtocol: str,
  port: int,
  targetPort: intOrString,
  nodePort: int,
});
const policyRule = obj({
  apiGroups: list(str),
  resources: list(str),
  verbs: list(str),
  resourceNames: list(str),
  nonResourceURLs: list(str),
});
const subject = obj({ kind: str, apiGroup: str, name: str, namespace: str });
const roleRef = obj({ apiGroup: str, kind: str, name: str });

/** Top-level schema per kind (keyed by `group/Kind`, core group empty). */
export const kindSchemas: Record<string, ObjectSchema> = {
  '/Namespace': top({ spec: obj({ finalizers: list(str) }), status }),
  '/Node': top({ spec: open(), status }),
  '/Pod': top({ spec: podSpec, status }),
  '/Service': top({
    spec: open({ ports: keyed(servicePort, 'port', { mapKeys: ['port', 'protocol'] }), selector: map() }),
    status,
  }),
  '/Endpoints': top({ subsets: list(any) }),
  '/ConfigMap': top({ data: map(), binaryData: map(), immutable: bool }),
  '/Secret': top({ data: map(), stringData: map(), type: str, immutable: bool }),
  '/ServiceAccount': top({
    secrets: list(any),
    imagePullSecrets: list(any),
    automountServiceAccountToken: bool,
  }),
  '/Event': open({ metadata: objectMeta }),
  '/PersistentVolumeClaim': top({ spec: open(), status }),
  'apps/Deployment': top({
    spec: obj({
      replicas: int,
      selector: labelSelector,
      template: podTemplate,
      strategy: obj({ type: str, rollingUpdate }, { retainKeys: true }),
      minReadySeconds: int,
      revisionHistoryLimit: int,
      paused: bool,
      progressDeadlineSeconds: int,
    }),
    status,
  }),
  'apps/ReplicaSet': top({
    spec: obj({ replicas: int, minReadySeconds: int, selector: labelSelector, template: podTemplate }),
    status,
  }),
  'apps/StatefulSet': top({
    spec: obj({
      replicas: int,
      selector: labelSelector,
      template: podTemplate,
      volumeClaimTemplates: list(any),
      serviceName: str,
      podManagementPolicy: str,
      updateStrategy: obj({ type: str, rollingUpdate }),
      revisionHistoryLimit: int,
      minReadySeconds: int,
      persistentVolumeClaimRetentionPolicy: any,
      ordinals: any,
    }),
    status,
  }),
  'apps/DaemonSet': top({
    spec: obj({
      selector: labelSelector,
      template: podTemplate,
      updateStrategy: obj({ type: str, rollingUpdate }),
      minReadySeconds: int,
      revisionHistoryLimit: int,
    }),
    status,
  }),
  'apps/ControllerRevision': top({ data: any, revision: int }),
  'batch/Job': top({
    spec: open({ selector: labelSelector, template: podTemplate, podFailurePolicy: any }),
    status,
  }),
  'batch/CronJob': top({ spec: open({ jobTemplate: open({ metadata: objectMeta, spec: any }) }), status }),
  'networking.k8s.io/Ingress': top({ spec: open(), status }),
  'networking.k8s.io/NetworkPolicy': top({ spec: open(), status }),
  'autoscaling/HorizontalPodAutoscaler': top({ spec: open(), status }),
  'policy/PodDisruptionBudget': top({ spec: open({ selector: labelSelector }), status }),
  'discovery.k8s.io/EndpointSlice': top({ addressType: str, endpoints: list(any), ports: list(any) }),
  'rbac.authorization.k8s.io/Role': top({ rules: list(policyRule) }),
  'rbac.authorization.k8s.io/ClusterRole': top({ rules: list(policyRule), aggregationRule: any }),
  'rbac.authorization.k8s.io/RoleBinding': top({ subjects: list(subject), roleRef }),
  'rbac.authorization.k8s.io/ClusterRoleBinding': top({ subjects: list(subject), roleRef }),
  'apiextensions.k8s.io/CustomResourceDefinition': top({ spec: open(), status }),
};

/** The schema of a kind; unknown kinds (custom resources) get an open schema. */
export function schemaFor(group: string, kind: string): ObjectSchema {
  return kindSchemas[`${group}/${kind}`] ?? open({ metadata: objectMeta, status: open({ conditions }) });
}
