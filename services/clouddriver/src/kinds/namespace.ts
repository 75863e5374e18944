import { defineKind } from './kind-handler.js';

/** Namespace: cluster-scoped, deployed before everything else. */
export const namespaceKind = defineKind({
  kind: 'Namespace',
  apiVersion: 'v1',
  namespaced: false,
  deployPriority: 0,
});
