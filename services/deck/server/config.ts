import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defaultPorts } from '@genoa/shared';
import { commonConfigShape, intVar, loadConfig, portVar } from '@genoa/shared/node';
import { z } from 'zod';

/** Where `vite build` writes the bundle by default: `services/deck/dist`. */
export const defaultDistDir = fileURLToPath(new URL('../dist', import.meta.url));

/** deck's environment variables (see README.md for the table). */
export const configSchema = z.object({
  ...commonConfigShape,
  PORT: portVar(defaultPorts.deck),
  /** Gate's base URL; `/gate/*` is proxied there with the `/gate` prefix removed. */
  DECK_GATE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .default(`http://127.0.0.1:${defaultPorts.gate}`)
    .transform((url) => url.replace(/\/+$/, '')),
  /** The built SPA (the output of `vite build`); relative paths resolve against the working directory. */
  DECK_DIST_DIR: z
    .string()
    .min(1)
    .default(defaultDistDir)
    .transform((dir) => resolve(dir)),
  /** How long deck waits for a TCP connection to gate before answering 502. */
  DECK_GATE_CONNECT_TIMEOUT_MS: intVar(5_000, 100, 60_000),
});
/** deck's validated configuration. */
export type DeckConfig = z.infer<typeof configSchema>;

/** Parses deck's configuration from an environment map. */
export const loadDeckConfig = (env: Record<string, string | undefined>): DeckConfig =>
  loadConfig(configSchema, env);
