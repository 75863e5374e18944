import { readFileSync } from 'node:fs';
import { DOCKER_REGISTRY_PROVIDER } from '@genoa/shared';
import { z } from 'zod';
import { AccountPermissionsSchema } from '../domain/accounts.js';

/**
 * One Docker Registry account (Spinnaker's `dockerRegistry.accounts[]` entry): a registry address,
 * credentials, and the repositories to index (or catalog discovery when none are listed).
 */
export const DockerRegistryAccountSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, ".", "_" or "-", at most 63 characters'),
    address: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://index.docker.io' }),
    username: z.string().min(1).optional(),
    password: z.string().optional(),
    /** A file holding the password (read at startup, trailing newline dropped). */
    passwordFile: z.string().min(1).optional(),
    /** A static bearer token sent as `Authorization: Bearer …` (registries with pre-issued tokens). */
    token: z.string().min(1).optional(),
    email: z.string().optional(),
    /** Repositories to index; empty means discover them with `GET /v2/_catalog`. */
    repositories: z.array(z.string().min(1)).default([]),
    /** Repositories never indexed. */
    skip: z.array(z.string().min(1)).default([]),
    /** With catalog discovery: only repositories matching this regular expression. */
    regex: z.string().min(1).optional(),
    /** Report each tag's manifest digest (a re-pushed tag with a new digest is a new image). Genoa defaults to true. */
    trackDigests: z.boolean().default(true),
    sortTagsByDate: z.boolean().default(false),
    insecureRegistry: z.boolean().default(false),
    clientTimeoutMillis: z.number().int().min(100).max(600_000).default(60_000),
    paginateSize: z.number().int().min(1).max(10_000).default(100),
    permissions: AccountPermissionsSchema.default({ READ: [], WRITE: [] }),
    requiredGroupMembership: z.array(z.string()).default([]),
    environment: z.string().min(1).optional(),
    accountType: z.string().min(1).optional(),
  })
  .strict()
  .refine((a) => !(a.password !== undefined && a.passwordFile), {
    message: 'give password or passwordFile, not both',
    path: ['passwordFile'],
  })
  .refine((a) => !(a.repositories.length > 0 && a.regex), {
    message: 'regex filters catalog discovery; it cannot be used with repositories',
    path: ['regex'],
  });
/** See {@link DockerRegistryAccountSchema}. */
export type DockerRegistryAccount = z.infer<typeof DockerRegistryAccountSchema>;

/** `CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS`: names unique. */
export const DockerRegistryAccountListSchema = z
  .array(DockerRegistryAccountSchema)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((a, i) => {
      if (seen.has(a.name))
        ctx.addIssue({ code: 'custom', message: `duplicate account name "${a.name}"`, path: [i, 'name'] });
      seen.add(a.name);
    });
  });

/** The address without a trailing `/` or `/v2` (as Spinnaker normalises it). */
export const normalisedAddress = (address: string): string =>
  address.replace(/\/+$/, '').replace(/\/v2$/, '');

/** The registry name images are referenced by: the address without its scheme (`index.docker.io`, `host:5000`). */
export const registryName = (address: string): string =>
  normalisedAddress(address).replace(/^https?:\/\//, '');

/** The account's password: inline, or read from `passwordFile`. */
export function resolvePassword(account: DockerRegistryAccount): string | undefined {
  if (account.passwordFile) {
    try {
      return readFileSync(account.passwordFile, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new Error(`docker registry account ${account.name}: cannot read passwordFile`, { cause: err });
    }
  }
  return account.password;
}

/** The `/credentials` entry in Spinnaker's shape (`DockerRegistryNamedAccountCredentials`), secrets left out. */
export function dockerRegistryCredentialsView(
  account: DockerRegistryAccount,
  repositories: readonly string[],
): Record<string, unknown> {
  return {
    name: account.name,
    type: DOCKER_REGISTRY_PROVIDER,
    cloudProvider: DOCKER_REGISTRY_PROVIDER,
    accountType: account.accountType ?? account.name,
    environment: account.environment ?? account.name,
    address: normalisedAddress(account.address),
    registry: registryName(account.address),
    repositories,
    skip: account.skip,
    trackDigests: account.trackDigests,
    sortTagsByDate: account.sortTagsByDate,
    insecureRegistry: account.insecureRegistry,
    clientTimeoutMillis: account.clientTimeoutMillis,
    paginateSize: account.paginateSize,
    requiredGroupMembership: account.requiredGroupMembership,
    permissions: { READ: account.permissions.READ, WRITE: account.permissions.WRITE },
    challengeDestructiveActions: false,
    primaryAccount: false,
  };
}
