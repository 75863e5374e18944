import { z } from 'zod';

/** Permissions of an account: the roles that may read it and the roles that may change it. */
export const AccountPermissionsSchema = z
  .object({
    READ: z.array(z.string().min(1)).default([]),
    WRITE: z.array(z.string().min(1)).default([]),
  })
  .strict();

/**
 * One Kubernetes account as configured (Spinnaker's `kubernetes.accounts[]` entry): a kubeconfig
 * context plus the namespaces and kinds clouddriver may touch.
 */
export const AccountConfigSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, ".", "_" or "-", at most 63 characters'),
    kubeconfigFile: z.string().min(1).optional(),
    kubeconfigContents: z.string().min(1).optional(),
    context: z.string().min(1).optional(),
    namespaces: z.array(z.string().min(1)).default([]),
    omitNamespaces: z.array(z.string().min(1)).default([]),
    kinds: z.array(z.string().min(1)).default([]),
    omitKinds: z.array(z.string().min(1)).default([]),
    onlySpinnakerManaged: z.boolean().default(false),
    permissions: AccountPermissionsSchema.default({ READ: [], WRITE: [] }),
    requiredGroupMembership: z.array(z.string()).default([]),
    environment: z.string().min(1).optional(),
    accountType: z.string().min(1).optional(),
  })
  .strict()
  .refine((a) => !(a.namespaces.length > 0 && a.omitNamespaces.length > 0), {
    message: 'namespaces and omitNamespaces are mutually exclusive',
    path: ['omitNamespaces'],
  })
  .refine((a) => !(a.kinds.length > 0 && a.omitKinds.length > 0), {
    message: 'kinds and omitKinds are mutually exclusive',
    path: ['omitKinds'],
  })
  .refine((a) => !(a.kubeconfigFile && a.kubeconfigContents), {
    message: 'give kubeconfigFile or kubeconfigContents, not both',
    path: ['kubeconfigContents'],
  });
/** See {@link AccountConfigSchema}. */
export type AccountConfig = z.infer<typeof AccountConfigSchema>;

/** The list of accounts in `CLOUDDRIVER_ACCOUNTS`: at least one, names unique. */
export const AccountListSchema = z
  .array(AccountConfigSchema)
  .min(1, 'configure at least one account')
  .superRefine((accounts, ctx) => {
    const seen = new Set<string>();
    accounts.forEach((a, i) => {
      if (seen.has(a.name))
        ctx.addIssue({ code: 'custom', message: `duplicate account name "${a.name}"`, path: [i, 'name'] });
      seen.add(a.name);
    });
  });

/** The account clouddriver creates when none is configured: `local`, from `KUBECONFIG`'s current context. */
export function defaultAccounts(kubeconfigFile: string | undefined): AccountConfig[] {
  return [AccountConfigSchema.parse({ name: 'local', ...(kubeconfigFile ? { kubeconfigFile } : {}) })];
}

/** True when `namespace` is inside the account's namespace allow-list / outside its deny-list. */
export function isNamespaceAllowed(account: AccountConfig, namespace: string): boolean {
  if (account.namespaces.length > 0) return account.namespaces.includes(namespace);
  return !account.omitNamespaces.includes(namespace);
}

/**
 * True when the account may manage `kind`. Kinds are matched case-insensitively against the
 * Kubernetes kind (`Deployment`) or Spinnaker's lowerCamel name (`deployment`).
 */
export function isKindAllowed(account: AccountConfig, kind: string): boolean {
  const k = kind.toLowerCase();
  const has = (list: string[]) => list.some((x) => x.toLowerCase() === k);
  if (account.kinds.length > 0) return has(account.kinds);
  return !has(account.omitKinds);
}

/**
 * Whether a caller holding `roles` may use the account for `action`. An account without
 * permissions for that action is open to everyone (Spinnaker's default).
 */
export function isAuthorized(
  account: AccountConfig,
  action: 'READ' | 'WRITE',
  roles: readonly string[],
): boolean {
  const required = account.permissions[action];
  if (required.length === 0) return true;
  return required.some((r) => roles.includes(r));
}

/**
 * The `/credentials` entry for an account, in Spinnaker's shape (`KubernetesNamedAccountCredentials`
 * as clouddriver serialises it). `expand` adds the details Deck and `spin account get` show.
 */
export function credentialsView(account: AccountConfig, expand: boolean): Record<string, unknown> {
  const base = {
    name: account.name,
    type: 'kubernetes',
    cloudProvider: 'kubernetes',
    accountType: account.accountType ?? account.name,
    environment: account.environment ?? account.name,
    providerVersion: 'v2',
    skin: 'v2',
    requiredGroupMembership: account.requiredGroupMembership,
    permissions: { READ: account.permissions.READ, WRITE: account.permissions.WRITE },
    challengeDestructiveActions: false,
    primaryAccount: false,
  };
  if (!expand) return base;
  return {
    ...base,
    context: account.context ?? null,
    namespaces: account.namespaces,
    omitNamespaces: account.omitNamespaces,
    kinds: account.kinds,
    omitKinds: account.omitKinds,
    onlySpinnakerManaged: account.onlySpinnakerManaged,
    cacheThreads: 1,
    namingStrategy: 'kubernetesAnnotations',
  };
}
