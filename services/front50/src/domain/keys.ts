import type { ObjectType } from '../object-types.js';

/** Zero-padded epoch ms so keys sort by time (13 digits lasts until the year 2286). */
export const padTs = (ts: number): string => String(Math.max(0, Math.floor(ts))).padStart(13, '0');

/** Newest-first sort key: S3 lists ascending, so history keys carry the inverted timestamp. */
export const invertTs = (ts: number): string => padTs(9_999_999_999_999 - ts);

/**
 * The bucket layout. Spinnaker's part is exact: `<root>/<group>/<id lower-cased>/<file>` and
 * `<root>/<group>/last-modified.json`. Genoa's additions live under `<root>/.genoa/`, outside
 * every group prefix, so Spinnaker's listings never see (or pay for) them:
 * - `.genoa/history/<group>/<id>/<file>/<inverted ts>-<rand>.json`: immutable versions;
 * - `.genoa/changes/<type>/<ts>-<rand>~<id>~<etag>`: the change log readers follow;
 * - `.genoa/snapshots/<type>.json`: the last index snapshot, checked against a listing on start.
 */
export class KeyLayout {
  private readonly root: string;

  constructor(rootFolder: string) {
    this.root = rootFolder.replace(/^\/+|\/+$/g, '');
  }

  private join(...parts: string[]): string {
    return [this.root, ...parts]
      .filter((p) => p !== '')
      .join('/')
      .replace(/\/{2,}/g, '/');
  }

  /** `<root>/<group>/` : every key of a group starts with it. */
  groupPrefix(type: ObjectType): string {
    return `${this.join(type.group)}/`;
  }

  /** Where the current version of an object lives. */
  objectKey(type: ObjectType, id: string): string {
    return this.join(type.group, id.toLowerCase(), type.file);
  }

  /** The id (lower-cased) of an object key of this type, or undefined for any other key. */
  idOfKey(type: ObjectType, key: string): string | undefined {
    const prefix = this.groupPrefix(type);
    const suffix = `/${type.file}`;
    if (!key.startsWith(prefix) || !key.endsWith(suffix)) return undefined;
    const id = key.slice(prefix.length, key.length - suffix.length);
    return id === '' ? undefined : id;
  }

  /** Spinnaker's per-group change marker, `{"lastModified": <ms>}`. */
  lastModifiedKey(type: ObjectType): string {
    return this.join(type.group, 'last-modified.json');
  }

  /** The folder holding every retained version of one object. */
  historyPrefix(type: ObjectType, id: string): string {
    return `${this.join('.genoa', 'history', type.group, id.toLowerCase(), type.file)}/`;
  }

  /** A type's index snapshot, which makes a cold start one GET plus one listing. */
  snapshotKey(type: ObjectType): string {
    return this.join('.genoa', 'snapshots', `${type.name}.json`);
  }

  /** The folder of a type's change log. */
  changePrefix(type: ObjectType): string {
    return `${this.join('.genoa', 'changes', type.name)}/`;
  }
}
