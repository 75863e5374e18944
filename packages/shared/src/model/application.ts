import { z } from 'zod';
import { EpochMsSchema, open, opt } from './json.js';

/** The authorizations an application grants, each to a list of roles. */
export const AuthorizationSchema = z.enum(['READ', 'WRITE', 'EXECUTE', 'CREATE']);
/** See {@link AuthorizationSchema}. */
export type Authorization = z.infer<typeof AuthorizationSchema>;

/** `permissions`: authorization → role names. */
export const PermissionsSchema = z.partialRecord(AuthorizationSchema, z.array(z.string()));
/** See {@link PermissionsSchema}. */
export type Permissions = z.infer<typeof PermissionsSchema>;

/** A traffic guard: a cluster that must keep at least one instance taking traffic. */
export const TrafficGuardSchema = open({
  account: opt(z.string()),
  stack: opt(z.string()),
  detail: opt(z.string()),
  location: opt(z.string()),
  enabled: opt(z.boolean()),
});

/**
 * An application as Front50 stores it (edge.md §3.3). Declared fields are typed; every other
 * attribute (instancePort, dataSources, repoType, …) is kept as given. `cloudProviders` is
 * accepted as a list or a comma string and always stored as a comma string.
 */
export const ApplicationSchema = open({
  name: z.string().trim().min(1, 'Application must have a non-empty name'),
  email: opt(z.string()),
  description: opt(z.string()),
  cloudProviders: opt(z.union([z.string(), z.array(z.string())])),
  accounts: opt(z.string()),
  createTs: opt(EpochMsSchema),
  updateTs: opt(EpochMsSchema),
  lastModifiedBy: opt(z.string()),
  user: opt(z.string()),
  trafficGuards: opt(z.array(TrafficGuardSchema)),
  permissions: opt(PermissionsSchema),
  instancePort: opt(z.number()),
  dataSources: opt(open({ enabled: opt(z.array(z.string())), disabled: opt(z.array(z.string())) })),
});
/** See {@link ApplicationSchema}. */
export type Application = z.infer<typeof ApplicationSchema>;

/** The permission record Front50 stores beside an application. */
export const ApplicationPermissionSchema = open({
  name: z.string().min(1),
  permissions: opt(PermissionsSchema),
  requiredGroupMembership: opt(z.array(z.string())),
  lastModified: opt(z.number()),
  lastModifiedBy: opt(z.string()),
});
/** See {@link ApplicationPermissionSchema}. */
export type ApplicationPermission = z.infer<typeof ApplicationPermissionSchema>;
