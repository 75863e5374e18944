import { cronTrigger } from './cron.js';
import { gitTrigger } from './git.js';
import { jenkinsTrigger } from './jenkins.js';
import { pipelineTrigger } from './pipeline.js';
import type { TriggerEditor } from './types.js';
import { webhookTrigger } from './webhook.js';

/** Every trigger type with a form in the editor; any other type is edited as JSON. */
export const triggerEditors: readonly TriggerEditor[] = [
  webhookTrigger,
  jenkinsTrigger,
  cronTrigger,
  gitTrigger,
  pipelineTrigger,
];

const byType = new Map(triggerEditors.map((editor) => [editor.type, editor]));

/** The editor of a trigger type, or undefined (edit as JSON). */
export const triggerEditorFor = (type: string): TriggerEditor | undefined => byType.get(type);
