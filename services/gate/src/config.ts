import { defaultPorts } from '@genoa/shared';
import { boolVar, commonConfigShape, intVar, loadConfig, portVar } from '@genoa/shared/node';
import { z } from 'zod';

const local = (port: number) => z.url().default(`http://127.0.0.1:${port}`);

/** gate's environment variables (see README.md for the table). */
export const configSchema = z.object({
  ...commonConfigShape,
  PORT: portVar(defaultPorts.gate),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  ORCA_URL: local(defaultPorts.orca),
  FRONT50_URL: local(defaultPorts.front50),
  CLOUDDRIVER_URL: local(defaultPorts.clouddriver),
  ECHO_URL: local(defaultPorts.echo),
  IGOR_URL: local(defaultPorts.igor),
  /** Per-attempt timeout of calls to downstream services. */
  GATE_DOWNSTREAM_TIMEOUT_MS: intVar(10_000, 100, 300_000),
  /** Keep-alive sockets gate opens at most to each downstream service. */
  GATE_DOWNSTREAM_CONNECTIONS: intVar(128, 1, 10_000),
  /** Create-and-wait: polls of orca's task and the pause between them (Spinnaker: 32 × 1000 ms). */
  GATE_TASK_MAX_POLLS: intVar(32, 1, 1_000),
  GATE_TASK_POLL_INTERVAL_MS: intVar(1_000, 10, 60_000),
  /** Turns authentication (and authorization) on; off = every caller is anonymous and allowed. */
  GATE_AUTH_ENABLED: boolVar(false),
  /** JSON list of Basic users: `[{"username","passwordHash":"scrypt$…","roles":[…]}]`. */
  GATE_USERS: z.string().optional(),
  /** Username of the bootstrap admin that `GATE_ADMIN_PASSWORD` creates. */
  GATE_ADMIN_USERNAME: z.string().min(1).max(200).default('admin'),
  /** Password of a bootstrap admin (in the first admin role); the cluster install generates it. */
  GATE_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** Comma list of roles whose members are admins (every permission, token management). */
  GATE_ADMIN_ROLES: z.string().default('admin'),
  /** Session cookie lifetime. */
  GATE_SESSION_TTL_SECONDS: intVar(8 * 3600, 60, 30 * 24 * 3600),
  /** Marks session cookies `Secure` (set behind TLS). */
  GATE_COOKIE_SECURE: boolVar(false),
  /** How long application permissions read from front50 are reused. */
  GATE_PERMISSION_CACHE_MS: intVar(2_000, 0, 60_000),
  /** How often clouddriver's accounts and their permissions (the allowed accounts) are re-read. */
  GATE_ACCOUNT_REFRESH_MS: intVar(15_000, 100, 600_000),
  /** JSON map of webhook sources: `{"<source>": {"secret"?, "hmacSecret"?, "allowUnauthenticated"?}}`. */
  GATE_WEBHOOK_SOURCES: z.string().optional(),
  /** Largest webhook body accepted (413 beyond). */
  GATE_WEBHOOK_BODY_LIMIT_BYTES: intVar(1024 * 1024, 1024, 64 * 1024 * 1024),
  /** OIDC issuer URL; setting it turns on OIDC login (authorization code at `/login`). */
  GATE_OIDC_ISSUER: z.url().optional(),
  /** Gate's client id at the OIDC issuer. */
  GATE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Gate's client secret at the OIDC issuer. */
  GATE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The callback the issuer redirects to: gate's external URL + `/login`. */
  GATE_OIDC_REDIRECT_URI: z.url().optional(),
  /** Scopes asked for at login. */
  GATE_OIDC_SCOPES: z.string().min(1).default('openid profile email groups'),
  /** ID token claim used as the username (then `email`, then `sub`). */
  GATE_OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
  /** ID token claim whose groups become roles. */
  GATE_OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  /** Webhooks accepted per source and client address per minute (429 beyond). */
  GATE_WEBHOOK_RATE_PER_MINUTE: intVar(600, 1, 1_000_000),
});
/** gate's validated configuration. */
export type GateConfig = z.infer<typeof configSchema>;

/** Parses gate's configuration from an environment map. */
export const loadGateConfig = (env: Record<string, string | undefined>): GateConfig =>
  loadConfig(configSchema, env);
