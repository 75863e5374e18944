/**
 * The table of object kinds front50 stores (Spinnaker's `ObjectType`): for each, the S3 folder
 * (`group`), the metadata file name, how its id is found, and which fields the server stamps on
 * every write. Key layout: `<rootFolder>/<group>/<id lower-cased>/<file>`.
 */

/** A stored object: an open JSON map, as Spinnaker keeps it. */
export type JsonObject = Record<string, unknown>;

/** What a write knows when it stamps server-set fields. */
export interface StampContext {
  now: number;
  user: string;
  previous?: JsonObject;
}

/** One kind of object and its storage layout. */
export interface ObjectType {
  /** Short name, used in logs, change-log keys and error messages. */
  readonly name: string;
  /** The folder under the root folder (Spinnaker's `group`). */
  readonly group: string;
  /** The metadata file name on S3 (not `specification.json`, which is GCS's). */
  readonly file: string;
  /** Human name for messages ("Pipeline", "Application"). */
  readonly label: string;
  /** The id an item is stored under (before lower-casing), or undefined when it has none. */
  idOf(item: JsonObject): string | undefined;
  /** The partition an item belongs to for per-partition reads (an application), lower-cased. */
  partitionOf?(item: JsonObject): string | undefined;
  /** Sets the server-owned fields (timestamps, `lastModifiedBy`) on a copy of `item`. */
  stamp(item: JsonObject, context: StampContext): JsonObject;
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** Types whose timestamp is `lastModified` (number) + `lastModifiedBy`. */
const stampLastModified = (item: JsonObject, { now, user }: StampContext): JsonObject => ({
  ...item,
  lastModified: now,
  lastModifiedBy: user,
});

/** Pipelines and strategies: `updateTs` as a string, `lastModified` ignored (PipelineMixins). */
const stampPipeline = (item: JsonObject, { now, user }: StampContext): JsonObject => {
  const { lastModified: _ignored, ...rest } = item;
  return { ...rest, updateTs: String(now), lastModifiedBy: user };
};

const byApplication = (item: JsonObject) => str(item.application)?.toLowerCase();

/** Every object kind, keyed by name. */
export const objectTypes = {
  application: {
    name: 'application',
    group: 'applications',
    file: 'application-metadata.json',
    label: 'Application',
    idOf: (item) => str(item.name)?.trim(),
    stamp: (item, { now, user, previous }) => ({
      ...item,
      createTs: previous?.createTs ?? item.createTs ?? String(now),
      updateTs: String(now),
      lastModifiedBy: user,
    }),
  },
  applicationPermission: {
    name: 'applicationPermission',
    group: 'applications',
    file: 'application-permission.json',
    label: 'Application permission',
    idOf: (item) => str(item.name)?.trim(),
    stamp: stampLastModified,
  },
  pipeline: {
    name: 'pipeline',
    group: 'pipelines',
    file: 'pipeline-metadata.json',
    label: 'Pipeline',
    idOf: (item) => str(item.id),
    partitionOf: byApplication,
    stamp: stampPipeline,
  },
  strategy: {
    name: 'strategy',
    group: 'pipeline-strategies',
    file: 'pipeline-strategy-metadata.json',
    label: 'Strategy',
    idOf: (item) => str(item.id),
    partitionOf: byApplication,
    stamp: stampPipeline,
  },
  pipelineTemplate: {
    name: 'pipelineTemplate',
    group: 'pipeline-templates',
    file: 'pipeline-template-metadata.json',
    label: 'Pipeline template',
    idOf: (item) => str(item.id),
    stamp: stampLastModified,
  },
  notification: {
    name: 'notification',
    group: 'notifications',
    file: 'notification-metadata.json',
    label: 'Notification',
    idOf: (item) => str(item.application) ?? '__GLOBAL',
    stamp: stampLastModified,
  },
  serviceAccount: {
    name: 'serviceAccount',
    group: 'serviceAccounts',
    file: 'serviceAccount-metadata.json',
    label: 'Service account',
    idOf: (item) => str(item.name),
    stamp: stampLastModified,
  },
  project: {
    name: 'project',
    group: 'projects',
    file: 'project-metadata.json',
    label: 'Project',
    idOf: (item) => str(item.id),
    stamp: (item, { now, user, previous }) => ({
      ...item,
      createTs: previous?.createTs ?? item.createTs ?? now,
      updateTs: now,
      lastModifiedBy: user,
    }),
  },
} as const satisfies Record<string, ObjectType>;

/** The name of an object kind. */
export type ObjectTypeName = keyof typeof objectTypes;

/** The object kinds as a list. */
export const allObjectTypes: readonly ObjectType[] = Object.values(objectTypes) as ObjectType[];
