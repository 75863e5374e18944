import { defineKind } from './kind-handler.js';

/** Ingress: a load balancer in Spinnaker's model. */
export const ingressKind = defineKind({
  kind: 'Ingress',
  apiVersion: 'networking.k8s.io/v1',
  deployPriority: 70,
  category: 'loadBalancers',
  cached: true,
});
