import { defineKind } from './kind-handler.js';

/** Service: a load balancer; its selector is what enable/disable adds to and removes from pods. */
export const serviceKind = defineKind({
  kind: 'Service',
  apiVersion: 'v1',
  deployPriority: 70,
  category: 'loadBalancers',
  cached: true,
});
