import { checkPreconditionsStage } from './checkPreconditions/index.js';
import { deployManifestStage } from './deployManifest/index.js';
import { evaluateVariablesStage } from './evaluateVariables/index.js';
import { jenkinsStage } from './jenkins/index.js';
import { manualJudgmentStage } from './manualJudgment/index.js';
import { pipelineStage } from './pipeline/index.js';
import type { StageEditor } from './types.js';
import { waitStage } from './wait/index.js';
import { webhookStage } from './webhook/index.js';

/** Every stage type with a form in the editor; any other type is edited as JSON. */
export const stageEditors: readonly StageEditor[] = [
  waitStage,
  manualJudgmentStage,
  deployManifestStage,
  pipelineStage,
  webhookStage,
  checkPreconditionsStage,
  evaluateVariablesStage,
  jenkinsStage,
];

const byType = new Map(stageEditors.map((editor) => [editor.type, editor]));
if (byType.size !== stageEditors.length) throw new Error('two stage editors share a type');

/** The editor of a stage type, or undefined (edit as JSON). */
export const stageEditorFor = (type: string): StageEditor | undefined => byType.get(type);
