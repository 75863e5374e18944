import { PipelineSchema, type Pipeline } from '@genoa/shared';

/** One problem in an edited pipeline JSON, located at a field. */
export interface FieldError {
  /** The field's path (`stages[1].type`; empty for the whole document). */
  path: string;
  message: string;
  /** 1-based line of the field in the text (of the value when the key is absent). */
  line: number;
}

/** The result of {@link validatePipelineJson}: the pipeline when valid, else the errors. */
export type PipelineJsonResult = { ok: true; pipeline: Pipeline } | { ok: false; errors: FieldError[] };

/** Renders a path as `stages[1].type`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`,
    )
    .join('');
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Parses JSON text, recording where each value (and each object key) starts, by path. Small and
 * strict (RFC 8259), so syntax errors come with an exact offset.
 */
export function parseWithPositions(text: string): { value: unknown; positions: Map<string, number> } {
  const positions = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(
      i >= text.length ? `unexpected end of JSON, expected ${what}` : `expected ${what}`,
      i,
    );
  };
  const string = (): string => {
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(i));
    if (!match) return fail('a string');
    i += match[0].length;
    return JSON.parse(match[0]) as string;
  };
  const value = (path: PropertyKey[]): unknown => {
    ws();
    const key = formatPath(path);
    if (!positions.has(key)) positions.set(key, i);
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') return (i++, out);
      for (;;) {
        ws();
        const keyStart = i;
        const name = string();
        positions.set(formatPath([...path, name]), keyStart);
        ws();
        if (text[i] !== ':') fail("':'");
        i++;
        out[name] = value([...path, name]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return (i++, out);
        else fail("',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === ']') return (i++, out);
      for (;;) {
        out.push(value([...path, out.length]));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return (i++, out);
        else fail("',' or ']'");
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!literal) return fail('a value');
    i += literal[0].length;
    return JSON.parse(literal[0]) as unknown;
  };
  const result = value([]);
  ws();
  if (i < text.length) fail('the end of the document');
  return { value: result, positions };
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** The line of `path` in the text: the field itself, else its nearest present parent. */
function lineOf(text: string, positions: Map<string, number>, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const at = positions.get(formatPath(path.slice(0, n)));
    if (at !== undefined) return lineAt(text, at);
  }
  return 1;
}

/**
 * Validates pipeline JSON as the editor's JSON mode does: syntax (with the line), the shared
 * `PipelineSchema` (each issue at its field), and the graph rules Deck checks — unique stage
 * refIds and upstream refs that name a stage. Every error carries its field path and line.
 */
export function validatePipelineJson(text: string): PipelineJsonResult {
  let parsed: { value: unknown; positions: Map<string, number> };
  try {
    parsed = parseWithPositions(text);
  } catch (err) {
    const offset = err instanceof JsonSyntaxError ? err.offset : 0;
    return {
      ok: false,
      errors: [{ path: '', message: `Invalid JSON: ${(err as Error).message}`, line: lineAt(text, offset) }],
    };
  }
  const { value, positions } = parsed;
  const errors: FieldError[] = [];
  const result = PipelineSchema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      errors.push({
        path: formatPath(issue.path),
        message: issue.message,
        line: lineOf(text, positions, issue.path),
      });
    }
    return { ok: false, errors };
  }
  const stages = result.data.stages;
  const seen = new Map<string, number>();
  stages.forEach((stage, index) => {
    const ref = stage.refId === undefined ? '' : String(stage.refId);
    if (ref === '') return;
    const first = seen.get(ref);
    if (first !== undefined) {
      const path = ['stages', index, 'refId'];
      errors.push({
        path: formatPath(path),
        message: `refId "${ref}" is already used by stages[${first}]`,
        line: lineOf(text, positions, path),
      });
    } else seen.set(ref, index);
  });
  stages.forEach((stage, index) => {
    (stage.requisiteStageRefIds ?? []).forEach((ref, j) => {
      if (!seen.has(String(ref))) {
        const path = ['stages', index, 'requisiteStageRefIds', j];
        errors.push({
          path: formatPath(path),
          message: `no stage has refId "${String(ref)}"`,
          line: lineOf(text, positions, path),
        });
      }
    });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, pipeline: result.data };
}

/** Fields Deck's "Edit as JSON" keeps as they are (edge.md §6.4). */
export const IMMUTABLE_FIELDS = ['id', 'application', 'name', 'index'] as const;

/** The edited pipeline with the immutable fields of `original` put back. */
export function keepImmutable(edited: Pipeline, original: Pipeline): Pipeline {
  const out: Record<string, unknown> = { ...edited };
  for (const field of IMMUTABLE_FIELDS) {
    if (original[field] === undefined) delete out[field];
    else out[field] = original[field];
  }
  return out as Pipeline;
}
