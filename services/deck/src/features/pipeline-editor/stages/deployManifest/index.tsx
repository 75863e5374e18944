import { parseAllDocuments } from 'yaml';
import { TextAreaField, TextField } from '../../../../components/fields.js';
import { defineStageEditor } from '../types.js';

/** YAML text as manifests (one per document); throws with the parser's message when invalid. */
export function manifestsFromYaml(text: string): Record<string, unknown>[] {
  const docs = parseAllDocuments(text);
  const out: Record<string, unknown>[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) throw new Error(doc.errors[0]?.message ?? 'invalid YAML');
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value))
      throw new Error('each YAML document must be a manifest (a mapping)');
    out.push(value as Record<string, unknown>);
  }
  return out;
}

/** The editable YAML of a stage: the text last typed, else the stored manifests rendered back. */
const yamlOf = (stage: Record<string, unknown>): string =>
  typeof stage.manifestText === 'string'
    ? stage.manifestText
    : Array.isArray(stage.manifests)
      ? stage.manifests.map((m) => JSON.stringify(m, null, 2)).join('\n---\n')
      : '';

/** `deployManifest`: applies Kubernetes manifests to an account (text source). */
export const deployManifestStage = defineStageEditor({
  type: 'deployManifest',
  label: 'Deploy (Manifest)',
  description: 'Deploys Kubernetes manifests to an account.',
  defaults: () => ({
    name: 'Deploy (Manifest)',
    cloudProvider: 'kubernetes',
    source: 'text',
    account: '',
    manifests: [],
    moniker: {},
    skipExpressionEvaluation: false,
    trafficManagement: { enabled: false, options: { enableTraffic: false } },
  }),
  validate: (stage) => {
    const errors: Record<string, string> = {};
    if (!stage.account) errors.account = 'Account is required.';
    if (typeof stage.manifestText === 'string') {
      try {
        if (manifestsFromYaml(stage.manifestText).length === 0)
          errors.manifests = 'Add at least one manifest.';
      } catch (err) {
        errors.manifests = `Manifest YAML: ${(err as Error).message}`;
      }
    } else if (!Array.isArray(stage.manifests) || stage.manifests.length === 0) {
      errors.manifests = 'Add at least one manifest.';
    }
    return errors;
  },
  Form: ({ stage, onChange, idPrefix, errors }) => {
    const moniker = (stage.moniker ?? {}) as Record<string, unknown>;
    return (
      <>
        <TextField
          id={`${idPrefix}-account`}
          label="Account"
          value={stage.account}
          error={errors.account}
          onChange={(account) => onChange({ account })}
        />
        <TextField
          id={`${idPrefix}-namespace`}
          label="Namespace override (optional)"
          value={stage.namespaceOverride}
          onChange={(ns) => onChange({ namespaceOverride: ns || undefined })}
        />
        <TextField
          id={`${idPrefix}-moniker-app`}
          label="Moniker application"
          value={moniker.app}
          onChange={(app) => onChange({ moniker: { ...moniker, app: app || undefined } })}
        />
        <TextAreaField
          id={`${idPrefix}-manifests`}
          label="Manifest (YAML)"
          rows={12}
          monospace
          value={yamlOf(stage)}
          error={errors.manifests}
          onChange={(text) => {
            // Keep what was typed while it is invalid; store the parsed manifests once it is valid.
            try {
              onChange({ manifests: manifestsFromYaml(text), manifestText: undefined });
            } catch {
              onChange({ manifestText: text });
            }
          }}
        />
      </>
    );
  },
});
