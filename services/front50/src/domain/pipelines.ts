import { randomUUID } from 'node:crypto';
import { ConflictError, InputError, InvalidEntityError, NotFoundError } from '@genoa/shared';
import type { JsonObject } from '../object-types.js';
import type { ObjectRepository } from './object-repository.js';

/** Options of a pipeline (or strategy) save. */
export interface SaveOptions {
  user: string;
  /** Reject the save when the stored copy is newer than the one it was made from. */
  staleCheck: boolean;
  /** For `PUT /pipelines/{id}`: the id in the path; the pipeline must exist. */
  updateId?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const tsOf = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** Whether a trigger counts as enabled: a boolean, or "true"/"false" in any case (Front50's leniency). */
export function isTriggerEnabled(trigger: unknown): boolean {
  const enabled = (trigger as { enabled?: unknown } | null)?.enabled;
  return enabled === true || (typeof enabled === 'string' && enabled.toLowerCase() === 'true');
}

/** Cron triggers get ids: missing ones always, all of them for a new pipeline or on request. */
export function assignCronTriggerIds(pipeline: JsonObject, regenerateAll: boolean): JsonObject {
  if (!Array.isArray(pipeline.triggers)) return pipeline;
  const triggers = pipeline.triggers.map((trigger: unknown) => {
    if (!trigger || typeof trigger !== 'object' || (trigger as JsonObject).type !== 'cron') return trigger;
    const t = trigger as JsonObject;
    return regenerateAll || !text(t.id) ? { ...t, id: randomUUID() } : t;
  });
  return { ...pipeline, triggers };
}

/** Sorts an application's pipelines as Front50 does: by `index` (missing last), then name; renumbers `index`. */
export function sortForApplication(pipelines: readonly JsonObject[]): JsonObject[] {
  const indexOf = (p: JsonObject) => (typeof p.index === 'number' ? p.index : Number.POSITIVE_INFINITY);
  return [...pipelines]
    .sort(
      (a, b) =>
        indexOf(a) - indexOf(b) ||
        (text(a.name) ?? '').toLowerCase().localeCompare((text(b.name) ?? '').toLowerCase()),
    )
    .map((p, index) => ({ ...p, index }));
}

/**
 * Saves a pipeline or strategy with Front50's rules: `application` and `name` required (422),
 * name trimmed, cron trigger ids assigned, the optional stale check (409), names unique per
 * application ignoring case (400), a UUID when there is no id. Writes for one application are
 * serialised in this replica and checked against a freshly synced index.
 */
export async function savePipeline(
  repo: ObjectRepository,
  input: JsonObject,
  options: SaveOptions,
): Promise<JsonObject> {
  const label = repo.type.label.toLowerCase();
  const application = text(input.application)?.trim();
  const name = text(input.name)?.trim();
  if (!application || !name) {
    throw new InvalidEntityError(`A ${label} requires name and application fields`);
  }
  if (options.updateId !== undefined && text(input.id) !== undefined && input.id !== options.updateId) {
    throw new InputError(
      `The provided id ${String(input.id)} doesn't match the ${label} id ${options.updateId}`,
    );
  }
  const id = options.updateId ?? text(input.id);
  const regenerate = id === undefined || input.regenerateCronTriggerIds === true;
  let pipeline = assignCronTriggerIds({ ...input, name }, regenerate);

  return repo.withLock(application, async () => {
    await repo.sync();
    const existing = id !== undefined ? repo.index.get(id.toLowerCase())?.item : undefined;
    if (options.updateId !== undefined && !existing) {
      throw new NotFoundError(`No ${label} found with id ${options.updateId}`);
    }
    if (options.staleCheck && existing) assertNotStale(input, existing, label);
    const clash = repo.index
      .inPartition(application.toLowerCase())
      .find((e) => text(e.item.name)?.toLowerCase() === name.toLowerCase() && e.id !== id?.toLowerCase());
    if (clash) {
      throw new InputError(`A ${label} with name ${name} already exists in application ${application}`);
    }
    pipeline = { ...pipeline, id: id ?? randomUUID() };
    return repo.put(pipeline, { user: options.user, ...(existing ? { previous: existing } : {}) });
  });
}

function assertNotStale(submitted: JsonObject, stored: JsonObject, label: string): void {
  const mine = tsOf(submitted.updateTs) ?? tsOf(submitted.lastModified);
  const theirs = tsOf(stored.updateTs) ?? tsOf(stored.lastModified);
  if (mine === undefined || theirs === undefined || mine >= theirs) return;
  throw new ConflictError(
    `The submitted ${label} is stale: it was loaded at updateTs ${mine}, but ${String(stored.name)} was ` +
      `changed by ${String(stored.lastModifiedBy ?? 'someone')} at updateTs ${theirs}. ` +
      `Reload it and apply your change again.`,
  );
}

/** Deletes an application's pipeline by name (case-insensitive); returns the deleted pipeline's id. */
export async function deletePipelineByName(
  repo: ObjectRepository,
  application: string,
  name: string,
): Promise<string> {
  return repo.withLock(application, async () => {
    const match = (await repo.inPartition(application)).find(
      (e) => text(e.item.name)?.trim().toLowerCase() === name.trim().toLowerCase(),
    );
    if (!match)
      throw new NotFoundError(
        `No ${repo.type.label.toLowerCase()} named ${name} in application ${application}`,
      );
    await repo.remove(match.id);
    return text(match.item.id) ?? match.id;
  });
}

/** Query filters of `GET /pipelines`. */
export interface PipelineFilters {
  enabledPipelines?: boolean;
  enabledTriggers?: boolean;
  triggerTypes?: string[];
}

/** Front50's list filter: enabled state, and at least one trigger matching the trigger filters. */
export function matchesFilters(pipeline: JsonObject, filters: PipelineFilters): boolean {
  const { enabledPipelines, enabledTriggers, triggerTypes } = filters;
  if (enabledPipelines === undefined && enabledTriggers === undefined && triggerTypes === undefined)
    return true;
  if (enabledPipelines !== undefined && (pipeline.disabled === true) === enabledPipelines) return false;
  const triggers = Array.isArray(pipeline.triggers) ? pipeline.triggers : [];
  return triggers.some(
    (t: unknown) =>
      (enabledTriggers === undefined || isTriggerEnabled(t) === enabledTriggers) &&
      (triggerTypes === undefined || triggerTypes.includes(String((t as JsonObject | null)?.type))),
  );
}

/** `GET /pipelines/triggeredBy/{id}/{status}`: enabled pipelines with an enabled pipeline trigger on `id` for `status`. */
export function isTriggeredBy(pipeline: JsonObject, upstreamId: string, status: string): boolean {
  if (pipeline.disabled === true || !Array.isArray(pipeline.triggers)) return false;
  return pipeline.triggers.some((t: unknown) => {
    const trigger = (t ?? {}) as JsonObject;
    return (
      trigger.type === 'pipeline' &&
      isTriggerEnabled(trigger) &&
      trigger.pipeline === upstreamId &&
      Array.isArray(trigger.status) &&
      trigger.status.includes(status)
    );
  });
}
