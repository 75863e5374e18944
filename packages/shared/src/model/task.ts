import { z } from 'zod';
import { JsonMapSchema, open, opt } from './json.js';
import { TriggerSchema } from './execution.js';

/** One job of a task request: a stage config whose `type` names the operation (createApplication, savePipeline, …). */
export const TaskJobSchema = open({
  type: z.string().min(1),
  user: opt(z.string()),
});
/** See {@link TaskJobSchema}. */
export type TaskJob = z.infer<typeof TaskJobSchema>;

/**
 * The body of Gate `POST /tasks` and Orca `POST /ops`: an orchestration to run for an application.
 * Orca makes each job a stage (chained in order when no job has a `refId`).
 */
export const TaskRequestSchema = open({
  application: z.string().min(1),
  description: opt(z.string()),
  job: z.array(TaskJobSchema).min(1, 'a task needs at least one job'),
  trigger: opt(TriggerSchema),
});
/** See {@link TaskRequestSchema}. */
export type TaskRequest = z.infer<typeof TaskRequestSchema>;

/** Orca's reply to `POST /ops`: `{ref: "/tasks/<executionId>"}`. */
export const TaskRefSchema = z.object({ ref: z.string().regex(/^\/tasks\/[^/]+$/) });
/** See {@link TaskRefSchema}. */
export type TaskRef = z.infer<typeof TaskRefSchema>;

/** A `{key, value}` pair of the task view's `variables` list. */
export const TaskVariableSchema = z.object({ key: z.string(), value: z.unknown() });

/** Orca `GET /tasks/{id}`: the orchestration view model (edge.md §1.5.2). */
export const TaskViewSchema = open({
  id: z.string(),
  name: opt(z.string()),
  application: z.string(),
  status: z.string(),
  variables: z.array(TaskVariableSchema),
  steps: z.array(JsonMapSchema),
  buildTime: opt(z.number()),
  startTime: opt(z.number()),
  endTime: opt(z.number()),
  execution: opt(JsonMapSchema),
});
/** See {@link TaskViewSchema}. */
export type TaskView = z.infer<typeof TaskViewSchema>;
