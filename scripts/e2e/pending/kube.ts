/** kubectl against the suite's kube sandbox, through the kubeconfig the stack wrote. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Json, Suite } from '../suite.js';

/** Runs kubectl with the suite's kubeconfig and a private discovery cache; returns stdout. */
export function kubectl(suite: Suite, ...args: string[]): string {
  return execFileSync(
    'kubectl',
    [
      '--kubeconfig',
      suite.stack.kubeconfigPath,
      '--cache-dir',
      join(suite.stack.stateDir, 'kubectl-cache'),
      ...args,
    ],
    { encoding: 'utf8' },
  );
}

/** `kubectl get … -o json` parsed. */
export const kubectlJson = <T = Json>(suite: Suite, ...args: string[]): T =>
  JSON.parse(kubectl(suite, 'get', ...args, '-o', 'json')) as T;
