/** Gate paths shared by the screens and the shell's early fetches (kept tiny: it is in the initial bundle). */

const app = (name: string) => `/applications/${encodeURIComponent(name)}`;

/** Executions kept per pipeline config on the pipelines screen (gate's default for this listing). */
export const EXECUTIONS_PER_PIPELINE = 10;

/** `GET /applications/{app}/pipelineConfigs`. */
export const pipelineConfigsPath = (application: string): string => `${app(application)}/pipelineConfigs`;

/** `GET /applications/{app}/pipelines?limit=` (recent executions, `limit` per pipeline config). */
export const executionsPath = (application: string, limit = EXECUTIONS_PER_PIPELINE): string =>
  `${app(application)}/pipelines?limit=${limit}`;
