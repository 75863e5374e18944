import { z } from 'zod';

/**
 * The body of every error response: Spring Boot's error attributes as Spinnaker sends them
 * (`timestamp`, `status`, `error`, `message`), plus Genoa's stable `code` and, for input errors,
 * one entry per invalid field with its path (e.g. `stages[0].type`).
 */
export const ErrorBodySchema = z.object({
  timestamp: z.number(),
  status: z.number().int(),
  error: z.string(),
  message: z.string(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});
/** See {@link ErrorBodySchema}. */
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
