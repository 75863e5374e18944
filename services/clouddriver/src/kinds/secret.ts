import { defineKind } from './kind-handler.js';

/** Secret: versioned by default; its `data` never leaves clouddriver in results. */
export const secretKind = defineKind({
  kind: 'Secret',
  apiVersion: 'v1',
  versioned: true,
  deployPriority: 50,
  category: 'configs',
});
