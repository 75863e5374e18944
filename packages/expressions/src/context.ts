import type { UrlFetcher } from './url/url-fetcher.js';

/** Looks a pipeline config id up by application and pipeline name (Front50), for `#pipelineId`. */
export type PipelineIdLookup = (application: string, pipelineName: string) => Promise<string | null>;

/** Services helpers may use; each is optional and a helper that needs a missing one fails clearly. */
export interface HelperServices {
  /** The guarded fetcher behind `#fromUrl`, `#jsonFromUrl`, `#yamlFromUrl`, `#propertiesFromUrl`. */
  fetchUrl?: UrlFetcher;
  /** Front50 pipeline lookup behind `#pipelineId`, `#pipelineIdOrNull`, `#pipelineIdInApplication`. */
  pipelineId?: PipelineIdLookup;
}

/**
 * What an expression is evaluated against. Orca builds it (see `buildStageEvaluationContext`); this
 * package only reads it. Values must be plain JSON-like data.
 */
export interface EvaluationContext {
  /** `#root`, and the object unqualified names (`trigger`, `parameters`, context keys) are read from. */
  root: Record<string, unknown>;
  /** Consulted for a root key that is missing: orca's StageContext fallback to ancestor outputs. */
  rootFallback?: (key: string) => unknown;
  /** Extra `#name` variables. */
  variables?: Record<string, unknown>;
  /** The execution for execution-aware helpers (`#stage`, `#judgment`, …); default `root.execution`. */
  execution?: Record<string, unknown>;
  /** The stage being evaluated, for `#currentStage()`. */
  currentStageId?: string;
  /** The authenticated user, for `#currentUser()` (default `anonymous`). */
  currentUser?: string;
  /**
   * Spinnaker's `allowUnknownKeys`: true (stage evaluation) makes a missing map key null; false
   * (trigger-time evaluation of a whole pipeline) makes it an error. Default true.
   */
  allowUnknownKeys?: boolean;
  /** Services for I/O helpers. */
  services?: HelperServices;
}
