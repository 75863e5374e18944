import { z } from 'zod';
import { gateSend } from './gate-client.js';

/** Orca's answer to evaluateExpression: `result`, and `detail` (the failure summary) when it failed. */
export const EvaluationAnswerSchema = z.looseObject({
  result: z.unknown(),
  detail: z
    .record(
      z.string(),
      z.array(z.looseObject({ description: z.string().optional(), level: z.string().optional() })),
    )
    .optional(),
});
/** See {@link EvaluationAnswerSchema}. */
export type EvaluationAnswer = z.infer<typeof EvaluationAnswerSchema>;

/** What an evaluation came to: a value, or the evaluator's messages. */
export type EvaluationOutcome = { ok: true; value: unknown } | { ok: false; errors: string[] };

/** An answer as an outcome: any summary entry makes it a failure (Spinnaker shows the descriptions). */
export function evaluationOutcome(answer: EvaluationAnswer): EvaluationOutcome {
  const errors = Object.values(answer.detail ?? {}).flatMap((entries) =>
    entries.map((entry) => entry.description ?? 'The expression could not be evaluated.'),
  );
  return errors.length ? { ok: false, errors } : { ok: true, value: answer.result };
}

/** Evaluates `expression` (`${…}` text, or a bare expression) against a past execution. */
export const evaluateExpression = async (
  executionId: string,
  expression: string,
): Promise<EvaluationOutcome> =>
  evaluationOutcome(
    await gateSend(
      'POST',
      `/pipelines/${encodeURIComponent(executionId)}/evaluateExpression`,
      { expression },
      EvaluationAnswerSchema,
    ),
  );
