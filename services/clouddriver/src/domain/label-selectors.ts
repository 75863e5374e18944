import { z } from 'zod';

/** One of Spinnaker's label selector terms (`KubernetesSelector`). */
export const SelectorTermSchema = z.object({
  kind: z.enum(['ANY', 'EQUALS', 'NOT_EQUALS', 'CONTAINS', 'NOT_CONTAINS', 'EXISTS', 'NOT_EXISTS']),
  key: z.string().min(1),
  values: z.array(z.string()).default([]),
});
/** See {@link SelectorTermSchema}. */
export type SelectorTerm = z.infer<typeof SelectorTermSchema>;

/** Spinnaker's `labelSelectors: {selectors: [...]}`. */
export const LabelSelectorsSchema = z.object({ selectors: z.array(SelectorTermSchema).min(1) });

/** A Kubernetes label selector string from Spinnaker's selector terms. */
export function toLabelSelector(terms: readonly SelectorTerm[]): string {
  return terms
    .map((t) => {
      switch (t.kind) {
        case 'ANY':
        case 'EXISTS':
          return t.key;
        case 'NOT_EXISTS':
          return `!${t.key}`;
        case 'EQUALS':
          return `${t.key}=${t.values[0] ?? ''}`;
        case 'NOT_EQUALS':
          return `${t.key}!=${t.values[0] ?? ''}`;
        case 'CONTAINS':
          return `${t.key} in (${t.values.join(',')})`;
        case 'NOT_CONTAINS':
          return `${t.key} notin (${t.values.join(',')})`;
      }
    })
    .join(',');
}

/** True when every label in `selector` is present in `labels` with the same value. */
export function matchesSelector(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}
