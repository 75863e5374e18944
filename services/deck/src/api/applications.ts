import { ApplicationSchema, TaskViewSchema, type Application, type TaskView } from '@genoa/shared';
import { z } from 'zod';
import { gateGet, gateSend } from './gate-client.js';

/** Gate's `GET /applications`: one flat attribute map per application. */
export const ApplicationListSchema = z.array(ApplicationSchema);

/** Every application the caller may read. */
export const listApplications = (signal?: AbortSignal): Promise<Application[]> =>
  gateGet('/applications', ApplicationListSchema, { signal });

/** Gate's answer to `POST /tasks`: `{ref: "/tasks/<id>"}`. */
export const TaskRefAnswerSchema = z.looseObject({ ref: z.string() });

/** What the create-application form collects. */
export interface NewApplication {
  name: string;
  email: string;
  cloudProviders: readonly string[];
  description?: string;
}

/** The user deck names in task bodies while authentication is off (Spinnaker's placeholder). */
export const ANONYMOUS_USER = '[anonymous]';

/** Spinnaker's create-application task body (edge.md §1.2): one `createApplication` job. */
export function createApplicationTaskBody(app: NewApplication, user = ANONYMOUS_USER) {
  const application: Record<string, string> = {
    name: app.name,
    email: app.email,
    cloudProviders: app.cloudProviders.join(','),
  };
  if (app.description) application.description = app.description;
  return {
    job: [{ type: 'createApplication', application, user }],
    application: app.name,
    description: `Create Application: ${app.name}`,
  };
}

/** The task id in a `ref` (`/tasks/01H…` → `01H…`); undefined when the ref is not a task ref. */
export function taskIdFromRef(ref: string): string | undefined {
  const match = /^\/(?:tasks|pipelines)\/([^/?#]+)$/.exec(ref);
  return match?.[1];
}

/** Submits the create-application task; resolves with the task id to follow. */
export async function createApplication(app: NewApplication): Promise<string> {
  const answer = await gateSend('POST', '/tasks', createApplicationTaskBody(app), TaskRefAnswerSchema);
  const id = taskIdFromRef(answer.ref);
  if (!id) throw new Error(`gate answered an unexpected task ref: ${answer.ref}`);
  return id;
}

/** One task (orchestration) as orca's view model. */
export const getTask = (id: string, signal?: AbortSignal): Promise<TaskView> =>
  gateGet(`/tasks/${encodeURIComponent(id)}`, TaskViewSchema, { signal });
