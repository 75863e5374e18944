import { z } from 'zod';

/**
 * One Jenkins master (edge.md §5.1). Spinnaker puts the API token in `password`; both `apiToken`
 * and `password` are accepted here (apiToken wins). `token` is sent as a bearer token instead.
 */
export const MasterSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only'),
    address: z.url().refine((u) => /^https?:/.test(u), 'must be http(s)'),
    username: z.string().optional(),
    apiToken: z.string().optional(),
    password: z.string().optional(),
    token: z.string().optional(),
    csrf: z.boolean().default(false),
    itemUpperThreshold: z.number().int().positive().optional(),
  })
  .strict()
  .transform(({ password, apiToken, address, ...rest }) => ({
    ...rest,
    address: address.replace(/\/+$/, ''),
    apiToken: apiToken ?? password,
  }));
/** See {@link MasterSchema}. */
export type Master = z.infer<typeof MasterSchema>;

/** The configured masters; names must be unique. */
export const MastersSchema = z
  .array(MasterSchema)
  .refine(
    (masters) => new Set(masters.map((m) => m.name)).size === masters.length,
    'master names must be unique',
  );
