import { defineKind } from './kind-handler.js';

/** HorizontalPodAutoscaler: deployed after the workloads it scales. */
export const horizontalPodAutoscalerKind = defineKind({
  kind: 'HorizontalPodAutoscaler',
  apiVersion: 'autoscaling/v2',
  deployPriority: 110,
});
