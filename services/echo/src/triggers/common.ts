import { z } from 'zod';
import { ArtifactSchema, EventMetadataSchema, JsonMapSchema, type Artifact } from '@genoa/shared';

/** The event fields every trigger reads (an echo Event, loosely). */
export const eventShape = {
  details: EventMetadataSchema,
  content: JsonMapSchema,
  payload: JsonMapSchema.nullish(),
  rawContent: z.string().nullish(),
  eventId: z.string(),
};

/** `content.artifacts`, keeping only well-formed artifacts. */
export function artifactsOf(content: Record<string, unknown>): Artifact[] {
  const list = Array.isArray(content.artifacts) ? content.artifacts : [];
  return list.flatMap((a) => {
    const parsed = ArtifactSchema.safeParse(a);
    return parsed.success ? [parsed.data] : [];
  });
}

/** A header of the event's `requestHeaders`, case-insensitively. */
export function header(
  headers: Record<string, string[]> | null | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? headers[key]?.[0] : undefined;
}
