import { Annotation } from './annotations.js';
import type { KubeObject } from './kube-object.js';

/** The revision of a Deployment's ReplicaSet (`deployment.kubernetes.io/revision`), 0 when absent. */
export const revisionOf = (rs: KubeObject): number =>
  Number(rs.metadata?.annotations?.[Annotation.DEPLOYMENT_REVISION] ?? 0) || 0;

/** ReplicaSets controlled by a Deployment (by owner uid), newest revision first. */
export function ownedReplicaSets(deployment: KubeObject, replicaSets: readonly KubeObject[]): KubeObject[] {
  const uid = deployment.metadata?.uid;
  return replicaSets
    .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === uid && o.controller !== false))
    .sort((a, b) => revisionOf(b) - revisionOf(a));
}

/**
 * The ReplicaSet an undo rolls back to, as `kubectl rollout undo` picks it: `revision` exactly,
 * or `numRevisionsBack` revisions behind the current one (1 = the previous). Throws with a reason.
 */
export function undoTarget(
  owned: readonly KubeObject[],
  choice: { revision?: number; numRevisionsBack?: number },
): KubeObject {
  if (owned.length === 0) throw new Error('The deployment has no ReplicaSets to roll back to');
  if (choice.revision !== undefined) {
    const found = owned.find((rs) => revisionOf(rs) === choice.revision);
    if (!found)
      throw new Error(
        `Revision ${choice.revision} not found (known revisions: ${owned.map(revisionOf).join(', ')})`,
      );
    return found;
  }
  const back = choice.numRevisionsBack ?? 1;
  const target = owned[back];
  if (!target)
    throw new Error(`Cannot go back ${back} revision(s): only ${owned.length - 1} older revision(s) exist`);
  return target;
}

/** The pod template to restore from a ReplicaSet: its template without the `pod-template-hash` label. */
export function templateToRestore(rs: KubeObject): Record<string, unknown> {
  const template = JSON.parse(JSON.stringify(rs.spec?.template ?? {})) as {
    metadata?: { labels?: Record<string, string> };
  };
  delete template.metadata?.labels?.['pod-template-hash'];
  return template;
}
