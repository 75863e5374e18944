import type { JsonMap, Pipeline } from '@genoa/shared';

/**
 * Applies `parameterConfig` to a trigger's parameters: missing values take the config's `default`
 * (as orca does), and a required parameter without a value and without a default is reported as
 * Spinnaker words it ("Required parameter X is missing").
 */
export function applyParameterConfig(
  pipeline: Pipeline,
  given: JsonMap | null | undefined,
): { parameters: JsonMap; errors: string[] } {
  const parameters: JsonMap = { ...(given ?? {}) };
  const errors: string[] = [];
  for (const config of pipeline.parameterConfig ?? []) {
    const value = parameters[config.name];
    const missing = value === undefined || value === null || value === '';
    if (missing && config.default !== undefined && config.default !== null && config.default !== '')
      parameters[config.name] = config.default;
    else if (missing && config.required) errors.push(`Required parameter ${config.name} is missing`);
    else if (value === undefined) parameters[config.name] = config.default ?? null;
  }
  return { parameters, errors };
}

/** Front50's lenient `enabled`: true or "true". */
export const isEnabled = (enabled: unknown): boolean => enabled === true || enabled === 'true';
