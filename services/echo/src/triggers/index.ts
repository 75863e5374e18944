import type { TriggerDefinition } from '../domain/trigger-definition.js';
import { cronTrigger } from './cron.js';
import { dockerTrigger } from './docker.js';
import { gitTrigger } from './git.js';
import { jenkinsTrigger } from './jenkins.js';
import { manualTrigger } from './manual.js';
import { webhookTrigger } from './webhook.js';

/**
 * Every trigger type echo handles, one line each. `pipeline` triggers are orca's (it starts
 * dependent pipelines when an execution completes), so they are not here.
 */
export const triggerDefinitions = [
  webhookTrigger,
  jenkinsTrigger,
  gitTrigger,
  manualTrigger,
  cronTrigger,
  dockerTrigger,
] as unknown as readonly TriggerDefinition<unknown, unknown>[];
