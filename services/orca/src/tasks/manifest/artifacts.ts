import { InputError, type Artifact, type PipelineExecution, type StageExecution } from '@genoa/shared';
import { parseAllDocuments } from 'yaml';
import { ancestors } from '../../domain/graph.js';

/** Artifact types whose content orca can read as manifests (the artifact carries it). */
export const SUPPORTED_MANIFEST_ARTIFACT_TYPES = ['embedded/base64'] as const;

interface ExpectedArtifact {
  id?: string;
  matchArtifact?: Artifact;
  defaultArtifact?: Artifact;
  useDefaultArtifact?: boolean;
  boundArtifact?: Artifact;
}

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** Artifacts visible to a stage: its ancestors' `artifacts` outputs (nearest first), then the trigger's. */
export function visibleArtifacts(execution: PipelineExecution, stage: StageExecution): Artifact[] {
  const fromStages = ancestors(execution, stage)
    .slice(1)
    .flatMap((s) => list<Artifact>(s.outputs?.artifacts));
  return [...fromStages, ...list<Artifact>((execution.trigger as Record<string, unknown>).artifacts)];
}

/** True if every regex field of `match` matches the artifact's field (Spinnaker's ArtifactMatcher). */
function matches(match: Artifact, artifact: Artifact): boolean {
  for (const key of ['type', 'name', 'version', 'location', 'reference'] as const) {
    const pattern = match[key];
    if (typeof pattern !== 'string' || pattern === '') continue;
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${pattern})$`);
    } catch {
      return false;
    }
    if (!re.test(String(artifact[key] ?? ''))) return false;
  }
  return true;
}

/** Every expected artifact declared for the execution: the trigger's and those of its stages. */
function expectedArtifacts(execution: PipelineExecution): ExpectedArtifact[] {
  const trigger = execution.trigger as Record<string, unknown>;
  return [
    ...list<ExpectedArtifact>(trigger.resolvedExpectedArtifacts),
    ...list<ExpectedArtifact>(trigger.expectedArtifacts),
    ...execution.stages.flatMap((s) => list<ExpectedArtifact>(s.context.expectedArtifacts)),
  ];
}

/**
 * Binds an expected artifact by id: its bound artifact, else the nearest visible artifact its
 * `matchArtifact` matches, else its default when `useDefaultArtifact`.
 */
export function resolveExpectedArtifact(
  execution: PipelineExecution,
  stage: StageExecution,
  id: string,
): Artifact {
  const expected = expectedArtifacts(execution).find((e) => e.id === id);
  if (!expected) throw new InputError(`No expected artifact with id "${id}" is declared for this execution`);
  if (expected.boundArtifact) return expected.boundArtifact;
  const found = expected.matchArtifact
    ? visibleArtifacts(execution, stage).find((a) => matches(expected.matchArtifact!, a))
    : undefined;
  if (found) return found;
  if (expected.useDefaultArtifact && expected.defaultArtifact) return expected.defaultArtifact;
  throw new InputError(`Expected artifact "${id}" matched no artifact in the trigger or prior stages`);
}

/** The artifacts a stage requires (`requiredArtifactIds`, `requiredArtifacts[{expectedArtifactId|artifact}]`). */
export function requiredArtifacts(execution: PipelineExecution, stage: StageExecution): Artifact[] {
  const c = stage.context;
  const byId = list<string>(c.requiredArtifactIds).map((id) => resolveExpectedArtifact(execution, stage, id));
  const listed = list<{ expectedArtifactId?: string; artifact?: Artifact }>(c.requiredArtifacts).map(
    (r) => r.artifact ?? resolveExpectedArtifact(execution, stage, String(r.expectedArtifactId)),
  );
  return [...byId, ...listed];
}

/** The manifest artifact of a stage in artifact mode: `manifestArtifact` inline or `manifestArtifactId`. */
export function manifestArtifactOf(
  execution: PipelineExecution,
  stage: StageExecution,
  idKey = 'manifestArtifactId',
  inlineKey = 'manifestArtifact',
): Artifact {
  const c = stage.context;
  if (c[inlineKey] && typeof c[inlineKey] === 'object') return c[inlineKey] as Artifact;
  if (typeof c[idKey] === 'string' && c[idKey]) return resolveExpectedArtifact(execution, stage, c[idKey]);
  throw new InputError(`source is "artifact" but neither ${idKey} nor ${inlineKey} is set`);
}

/** Reads an artifact's content as YAML/JSON documents (multi-document YAML → several manifests). */
export function manifestsFromArtifact(artifact: Artifact): Record<string, unknown>[] {
  if (artifact.type !== 'embedded/base64')
    throw new InputError(
      `Artifact type "${artifact.type}" cannot be read as a manifest here (supported: ${SUPPORTED_MANIFEST_ARTIFACT_TYPES.join(', ')})`,
    );
  const text = Buffer.from(String(artifact.reference ?? ''), 'base64').toString('utf8');
  const docs = parseAllDocuments(text);
  const out: Record<string, unknown>[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0)
      throw new InputError(`Artifact ${artifact.name ?? ''} is not valid YAML: ${doc.errors[0]!.message}`);
    const value = doc.toJS() as unknown;
    if (value && typeof value === 'object') out.push(value as Record<string, unknown>);
  }
  return out;
}
