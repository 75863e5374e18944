import { defineKind } from './kind-handler.js';

/** ConfigMap: versioned by default so that pods referencing it roll with it. */
export const configMapKind = defineKind({
  kind: 'ConfigMap',
  apiVersion: 'v1',
  versioned: true,
  deployPriority: 50,
  category: 'configs',
});
