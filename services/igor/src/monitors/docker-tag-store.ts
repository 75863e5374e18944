import type { Redis } from 'ioredis';

/** A hash field no repository can have (repository names never start with `_`): "this account has a baseline". */
const BASELINE = '__baseline__';

const field = (repository: string, tag: string) => `${repository}:${tag}`;

/**
 * The docker monitor's cursors in Redis (`{igor}:docker:<account>`, one hash per account): field
 * `<repository>:<tag>` → the digest last seen (`''` when the registry gave none), plus a baseline
 * marker so an account whose registry is empty still counts as seen.
 */
export class DockerTagStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = '{igor}',
  ) {}

  private key = (account: string) => `${this.prefix}:docker:${account}`;

  /** The digests seen for an account, or undefined before its first (baseline) poll. */
  async seen(account: string): Promise<Map<string, string> | undefined> {
    const all = await this.redis.hgetall(this.key(account));
    if (!(BASELINE in all)) return undefined;
    delete all[BASELINE];
    return new Map(Object.entries(all));
  }

  /** Records digests for tags (and the baseline marker) in one write. */
  async record(
    account: string,
    images: readonly { repository: string; tag: string; digest?: string | null }[],
  ) {
    const fields: string[] = [BASELINE, String(Date.now())];
    for (const i of images) fields.push(field(i.repository, i.tag), i.digest ?? '');
    await this.redis.hset(this.key(account), ...fields);
  }

  /** The field name of a tag. */
  static field = field;
}
