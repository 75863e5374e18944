import { ExpressionError } from '../errors.js';
import { isPlainObject } from '../guard.js';
import { defineHelper } from './define-helper.js';
import { executionOf, helperError, stagesOf, stringArg } from './support.js';

const VALID_KINDS = ['Deployment', 'ReplicaSet'];

/**
 * `#manifestLabelValue(stageName, kind, labelKey)`: from the SUCCEEDED stage of that name, the first
 * manifest of `kind` in `context['outputs.manifests']`, returning `spec.template.metadata.labels[labelKey]`.
 */
export const manifestLabelValueHelper = defineHelper({
  name: 'manifestLabelValue',
  description: 'Returns the value of a label on a Deployment or ReplicaSet deployed by a stage',
  minArgs: 3,
  maxArgs: 3,
  call([stageName, kindArg, labelKeyArg], call) {
    const kind = stringArg(kindArg, 'manifestLabelValue');
    if (!VALID_KINDS.includes(kind)) {
      throw new ExpressionError(
        'HELPER',
        `The kind ${kind} is not supported: only ${VALID_KINDS.join(' and ')} are`,
      );
    }
    if (labelKeyArg === null) throw helperError('A labelKey is required for #manifestLabelValue');
    const name = stringArg(stageName, 'manifestLabelValue');
    const labelKey = stringArg(labelKeyArg, 'manifestLabelValue');
    const stage = stagesOf(executionOf(call, 'manifestLabelValue')).find(
      (s) => s.name === name && s.status === 'SUCCEEDED',
    );
    if (!stage) throw helperError(`A SUCCEEDED stage named '${name}' was not found`);
    const context = isPlainObject(stage.context) ? stage.context : {};
    const manifests = context['outputs.manifests'];
    if (!Array.isArray(manifests) || manifests.length === 0) {
      throw helperError(`Stage '${name}' has no outputs.manifests`);
    }
    const manifest = manifests.find((m) => isPlainObject(m) && m.kind === kind) as
      Record<string, unknown> | undefined;
    if (!manifest) throw helperError(`No manifest of kind ${kind} was deployed by stage '${name}'`);
    const labels = ['spec', 'template', 'metadata', 'labels'].reduce<unknown>(
      (v, k) => (isPlainObject(v) ? v[k] : undefined),
      manifest,
    );
    const value =
      isPlainObject(labels) && Object.prototype.hasOwnProperty.call(labels, labelKey)
        ? labels[labelKey]
        : undefined;
    if (value === undefined) {
      throw helperError(`Label '${labelKey}' was not found on the ${kind} deployed by stage '${name}'`);
    }
    return value;
  },
});
