/** Gate paths shared by the screens and the shell's early fetches (kept tiny: it is in the initial bundle). */

const app = (name: string) => `/applications/${encodeURIComponent(name)}`;

/** Executions kept per pipeline config on the pipelines screen (gate's default for this listing). */
export const EXECUTIONS_PER_PIPELINE = 10;

/**
 * Executions per pipeline config in the pipelines screen's first answer: the newest run of each,
 * a tenth of the full answer, so rows paint at once; the full list follows and replaces it.
 */
export const FIRST_PAINT_EXECUTIONS_PER_PIPELINE = 1;

/** `GET /applications/{app}/pipelineConfigs`. */
export const pipelineConfigsPath = (application: string): string => `${app(application)}/pipelineConfigs`;

/** `GET /applications/{app}/pipelines?limit=` (recent executions, `limit` per pipeline config). */
export const executionsPath = (application: string, limit = EXECUTIONS_PER_PIPELINE): string =>
  `${app(application)}/pipelines?limit=${limit}`;
