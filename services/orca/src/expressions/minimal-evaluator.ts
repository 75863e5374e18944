import type { PipelineExecution, StageExecution } from '@genoa/shared';
import type { EvaluationScope, ExpressionEvaluator, ExpressionSummary } from '../ports.js';
import { evaluationRoot } from '../domain/context.js';
import { parse, type Node } from './minimal-parser.js';

/** An error raised while evaluating (unknown helper, missing stage, bad access). */
class EvaluationError extends Error {
  override name = 'SpelEvaluationException';
}

const STRING_METHODS: Record<string, (s: string, ...a: unknown[]) => unknown> = {
  toLowerCase: (s) => s.toLowerCase(),
  toUpperCase: (s) => s.toUpperCase(),
  trim: (s) => s.trim(),
  length: (s) => s.length,
  isEmpty: (s) => s.length === 0,
  contains: (s, x) => s.includes(String(x)),
  startsWith: (s, x) => s.startsWith(String(x)),
  endsWith: (s, x) => s.endsWith(String(x)),
  equals: (s, x) => s === x,
  equalsIgnoreCase: (s, x) => s.toLowerCase() === String(x).toLowerCase(),
  split: (s, x) => s.split(String(x)),
  substring: (s, a, b) => s.substring(Number(a), b === undefined ? undefined : Number(b)),
  replace: (s, a, b) => s.split(String(a)).join(String(b)),
};

/** Finds a stage by name or id (#stage), throwing like Orca when absent. */
function findStage(execution: PipelineExecution, key: unknown): StageExecution {
  const stage = execution.stages.find((s) => s.name === key || s.id === key);
  if (!stage) throw new EvaluationError(`Unable to locate [${String(key)}] stage`);
  return stage;
}

/** A scope with its root map built. */
type Scope = EvaluationScope & { root: Record<string, unknown> };
type Helper = (scope: Scope, args: unknown[]) => unknown;

const HELPERS: Record<string, Helper> = {
  stage: (s, [key]) => findStage(s.execution, key),
  stageByRefId: (s, [ref]) => {
    const stage = s.execution.stages.find((x) => String(x.refId) === String(ref));
    if (!stage) throw new EvaluationError(`Unable to locate stage with refId [${String(ref)}]`);
    return stage;
  },
  stageExists: (s, [key]) => s.execution.stages.some((x) => x.name === key || x.id === key),
  currentStage: (s) => s.stage ?? null,
  currentUser: (s) => s.execution.authentication?.user ?? 'anonymous',
  judgment: (s, [name]) => judgment(s, name),
  judgement: (s, [name]) => judgment(s, name),
  toJson: (_s, [v]) => JSON.stringify(v),
  readJson: (_s, [v]) => JSON.parse(String(v)),
  toInt: (_s, [v]) => Number.parseInt(String(v), 10),
  toFloat: (_s, [v]) => Number.parseFloat(String(v)),
  toBoolean: (_s, [v]) => String(v).toLowerCase() === 'true',
  toBase64: (_s, [v]) => Buffer.from(String(v), 'utf8').toString('base64'),
  fromBase64: (_s, [v]) => Buffer.from(String(v), 'base64').toString('utf8'),
  alphanumerical: (_s, [v]) => String(v).replace(/[^A-Za-z0-9]/g, ''),
};

function judgment(scope: Scope, name: unknown): unknown {
  const stage = scope.execution.stages.find((x) => x.type === 'manualJudgment' && x.name === name);
  if (!stage) throw new EvaluationError(`Unable to locate manual judgment stage [${String(name)}]`);
  return stage.context.judgmentInput ?? null;
}

const own = (obj: unknown, key: string): unknown => {
  if (obj == null || typeof obj !== 'object') return undefined;
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
};

/** Interprets a parsed expression against a scope. */
function interpret(node: Node, scope: Scope): unknown {
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'id':
      if (node.name === '#root') return scope.root;
      if (node.name === '#this') return scope.root;
      return own(scope.root, node.name) ?? null;
    case 'prop': {
      const obj = interpret(node.obj, scope);
      if (obj == null) {
        if (node.safe) return null;
        throw new EvaluationError(`Property or field '${node.name}' cannot be found on null`);
      }
      if (typeof obj === 'string' && node.name === 'length') return obj.length;
      const stage = obj as StageExecution;
      if (node.name === 'hasSucceeded' && 'status' in stage) return stage.status === 'SUCCEEDED';
      if (node.name === 'hasFailed' && 'status' in stage) return stage.status === 'TERMINAL';
      return own(obj, node.name) ?? null;
    }
    case 'index': {
      const obj = interpret(node.obj, scope);
      const key = interpret(node.key, scope);
      if (obj == null) throw new EvaluationError(`Cannot index into a null value`);
      if (Array.isArray(obj)) return obj[Number(key)] ?? null;
      return own(obj, String(key)) ?? null;
    }
    case 'fn': {
      const helper = HELPERS[node.name];
      if (!helper) throw new EvaluationError(`Unknown function #${node.name}`);
      return helper(
        scope,
        node.args.map((a) => interpret(a, scope)),
      );
    }
    case 'call': {
      const obj = interpret(node.obj, scope);
      const args = node.args.map((a) => interpret(a, scope));
      if (typeof obj === 'string' && STRING_METHODS[node.name])
        return STRING_METHODS[node.name]!(obj, ...args);
      if (Array.isArray(obj) && node.name === 'contains') return obj.includes(args[0]);
      if (Array.isArray(obj) && (node.name === 'size' || node.name === 'isEmpty'))
        return node.name === 'size' ? obj.length : obj.length === 0;
      if (obj && typeof obj === 'object' && node.name === 'containsKey')
        return own(obj, String(args[0])) !== undefined;
      if (obj && typeof obj === 'object' && node.name === 'get') return own(obj, String(args[0])) ?? null;
      throw new EvaluationError(`Method ${node.name}() is not allowed here`);
    }
    case 'not':
      return !truthy(interpret(node.e, scope));
    case 'bin':
      return binary(node.op, node.l, node.r, scope);
    case 'cond':
      return truthy(interpret(node.c, scope)) ? interpret(node.a, scope) : interpret(node.b, scope);
    case 'elvis': {
      const a = interpret(node.a, scope);
      return a == null || a === '' ? interpret(node.b, scope) : a;
    }
  }
}

const truthy = (v: unknown): boolean => v === true || v === 'true';

function binary(op: string, l: Node, r: Node, scope: Scope): unknown {
  if (op === 'and' || op === '&&') return truthy(interpret(l, scope)) && truthy(interpret(r, scope));
  if (op === 'or' || op === '||') return truthy(interpret(l, scope)) || truthy(interpret(r, scope));
  const a = interpret(l, scope);
  const b = interpret(r, scope);
  const eq =
    a === b ||
    (a != null && b != null && typeof a !== 'object' && String(a) === String(b) && typeof a === typeof b);
  switch (op) {
    case '==':
      return eq;
    case '!=':
      return !eq;
    case '<':
      return (a as number) < (b as number);
    case '>':
      return (a as number) > (b as number);
    case '<=':
      return (a as number) <= (b as number);
    default:
      return (a as number) >= (b as number);
  }
}

/** Splits a template into text and `${…}` parts (quotes and nested braces respected). */
export function splitTemplate(text: string): { text?: string; expr?: string }[] {
  const parts: { text?: string; expr?: string }[] = [];
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) break;
    let depth = 1;
    let j = start + 2;
    let quote: string | undefined;
    for (; j < text.length && depth > 0; j += 1) {
      const c = text[j];
      if (quote) quote = c === quote ? undefined : quote;
      else if (c === "'" || c === '"') quote = c;
      else if (c === '{') depth += 1;
      else if (c === '}') depth -= 1;
    }
    if (depth > 0) break;
    if (start > i) parts.push({ text: text.slice(i, start) });
    parts.push({ expr: text.slice(start + 2, j - 1) });
    i = j;
  }
  if (i < text.length) parts.push({ text: text.slice(i) });
  return parts;
}

/**
 * The minimal {@link ExpressionEvaluator}: Spinnaker's `${…}` templating (a lone expression keeps
 * its type; failures keep the text and are summarised) over the small SpEL subset above.
 */
export class MinimalExpressionEvaluator implements ExpressionEvaluator {
  async evaluateExpression(expression: string, input: EvaluationScope, now: number) {
    const scope = withRoot(input);
    const summary: ExpressionSummary = {};
    try {
      return { value: interpret(parse(expression), scope), summary };
    } catch (err) {
      summary[expression] = [failure(expression, err, now)];
      return { value: undefined, summary };
    }
  }

  async evaluateTree(value: unknown, input: EvaluationScope, now: number) {
    const scope = withRoot(input);
    const summary: ExpressionSummary = {};
    const walk = (v: unknown, key: string): unknown => {
      if (typeof v === 'string') return v.includes('${') ? this.template(v, key, scope, summary, now) : v;
      if (Array.isArray(v)) return v.map((x) => walk(x, key));
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
        return out;
      }
      return v;
    };
    return { value: walk(value, ''), summary };
  }

  private template(
    text: string,
    key: string,
    scope: Scope,
    summary: ExpressionSummary,
    now: number,
  ): unknown {
    const parts = splitTemplate(text);
    const values = parts.map((p) => {
      if (p.expr === undefined) return { ok: true, v: p.text };
      try {
        const v = interpret(parse(p.expr), scope);
        if (v == null) {
          summary[p.expr] = [
            {
              description: `Failed to evaluate [${key}] ${p.expr} not found`,
              exceptionType: null,
              timestamp: now,
              level: 'INFO',
            },
          ];
          return { ok: false, v: `\${${p.expr}}` };
        }
        return { ok: true, v };
      } catch (err) {
        summary[p.expr] = [failure(p.expr, err, now, key)];
        return { ok: false, v: `\${${p.expr}}` };
      }
    });
    if (parts.length === 1 && parts[0]!.expr !== undefined) return values[0]!.ok ? values[0]!.v : text;
    return values.map((x) => (typeof x.v === 'string' ? x.v : JSON.stringify(x.v))).join('');
  }
}

/** The root map of a scope: stage context with ancestor outputs, trigger, parameters, execution, extras. */
const withRoot = (scope: EvaluationScope): Scope => ({
  ...scope,
  root: { ...evaluationRoot(scope.execution, scope.stage), ...(scope.extra ?? {}) },
});

function failure(expr: string, err: unknown, now: number, key = '') {
  return {
    description: `Failed to evaluate [${key || expr}] ${(err as Error).message}`,
    exceptionType: (err as Error).name ?? 'Error',
    timestamp: now,
    level: 'ERROR' as const,
  };
}
