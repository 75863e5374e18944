import type { ParameterConfig } from '@genoa/shared';

/** The values of a manual-execution parameters form, by parameter name. */
export type ParameterValues = Record<string, string>;

/** The values a parameter offers as options (only when `hasOptions` is set). */
export function parameterOptions(parameter: ParameterConfig): string[] {
  if (!parameter.hasOptions) return [];
  return (parameter.options ?? [])
    .map((option) => option.value)
    .filter((value) => value !== null && value !== undefined)
    .map(String);
}

/**
 * The form's starting values: the value a previous run used (a re-run), else the parameter's
 * default, else its first option when it has options, else empty.
 */
export function initialParameterValues(
  parameters: readonly ParameterConfig[],
  previous: Readonly<Record<string, unknown>> = {},
): ParameterValues {
  const values: ParameterValues = {};
  for (const parameter of parameters) {
    const fallback = parameterOptions(parameter)[0] ?? '';
    const before = previous[parameter.name];
    values[parameter.name] =
      before !== null && before !== undefined && typeof before !== 'object'
        ? String(before)
        : parameter.default === null || parameter.default === undefined
          ? fallback
          : String(parameter.default);
  }
  return values;
}

/**
 * The field errors of a parameters form, by parameter name: a required parameter left blank, or
 * a value that is not one of the parameter's options. An empty object means the form may be sent.
 */
export function validateParameters(
  parameters: readonly ParameterConfig[],
  values: ParameterValues,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const parameter of parameters) {
    const value = values[parameter.name] ?? '';
    const label = parameter.label || parameter.name;
    const options = parameterOptions(parameter);
    if (parameter.required && value.trim() === '') errors[parameter.name] = `${label} is required.`;
    else if (value !== '' && options.length > 0 && !options.includes(value)) {
      errors[parameter.name] = `${label} must be one of: ${options.join(', ')}.`;
    }
  }
  return errors;
}
