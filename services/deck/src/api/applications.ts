import {
  ApplicationSchema,
  TaskViewSchema,
  type Application,
  type Permissions,
  type TaskView,
} from '@genoa/shared';
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

/** Submits a task body to gate's `POST /tasks`; resolves with the task id to follow. */
export async function submitTask(body: unknown): Promise<string> {
  const answer = await gateSend('POST', '/tasks', body, TaskRefAnswerSchema);
  const id = taskIdFromRef(answer.ref);
  if (!id) throw new Error(`gate answered an unexpected task ref: ${answer.ref}`);
  return id;
}

/** Submits the create-application task; resolves with the task id to follow. */
export const createApplication = (app: NewApplication): Promise<string> =>
  submitTask(createApplicationTaskBody(app));

/** The editable configuration of an application (the config tab's form). */
export interface ApplicationConfig {
  name: string;
  email: string;
  description: string;
  cloudProviders: readonly string[];
  permissions: Permissions;
}

/**
 * Spinnaker's update-application task body: one `updateApplication` job whose `application`
 * carries the attributes and `permissions` (READ/WRITE/EXECUTE role lists; empty lists dropped,
 * so an application without roles is open to everyone).
 */
export function updateApplicationTaskBody(app: ApplicationConfig, user = ANONYMOUS_USER) {
  const permissions = Object.fromEntries(
    Object.entries(app.permissions).filter(([, roles]) => roles && roles.length > 0),
  );
  return {
    job: [
      {
        type: 'updateApplication',
        application: {
          name: app.name,
          email: app.email,
          description: app.description,
          cloudProviders: app.cloudProviders.join(','),
          permissions,
        },
        user,
      },
    ],
    application: app.name,
    description: `Update Application: ${app.name}`,
  };
}

/** Spinnaker's delete-application task body: one `deleteApplication` job. */
export const deleteApplicationTaskBody = (name: string, user = ANONYMOUS_USER) => ({
  job: [{ type: 'deleteApplication', application: { name }, user }],
  application: name,
  description: `Delete Application: ${name}`,
});

/** Gate's `GET /applications/{app}`: `{name, attributes, clusters}`. */
export const ApplicationDetailSchema = z.looseObject({ name: z.string(), attributes: ApplicationSchema });

/** One application's attributes (front50's record, as gate merges it). */
export const getApplication = async (name: string, signal?: AbortSignal): Promise<Application> =>
  (await gateGet(`/applications/${encodeURIComponent(name)}`, ApplicationDetailSchema, { signal }))
    .attributes;

/** One task (orchestration) as orca's view model. */
export const getTask = (id: string, signal?: AbortSignal): Promise<TaskView> =>
  gateGet(`/tasks/${encodeURIComponent(id)}`, TaskViewSchema, { signal });
