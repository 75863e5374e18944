import { describe, expect, it } from 'vitest';
import { ExpressionError } from './errors.js';
import { evaluateExpressionSync, evaluateTemplateSync } from './evaluate.js';
import { sampleContext } from './test-fixtures.js';

/** A small seeded PRNG (mulberry32) so every run feeds the same inputs. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vocabulary = [
  'trigger',
  'parameters',
  'execution',
  'stages',
  'env',
  'size()',
  '#stage(',
  "'Deploy'",
  '#root',
  '#this',
  '#judgment(',
  '#toJson(',
  '#readJson(',
  '#fromBase64(',
  '#toInt(',
  'T(Math)',
  'T(java.lang.Runtime)',
  'new Integer(',
  'constructor',
  '__proto__',
  'prototype',
  '.',
  '?.',
  '[',
  ']',
  '(',
  ')',
  '{',
  '}',
  ',',
  ':',
  '?',
  '?:',
  '==',
  '!=',
  '<',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  'and',
  'or',
  'not',
  '!',
  'matches',
  'between',
  'instanceof',
  '.?[',
  '.^[',
  '.$[',
  '.![',
  '1',
  '0',
  '-1',
  '2.5',
  '1e308',
  "'a'",
  '"b"',
  "''",
  'null',
  'true',
  'false',
  "'(a+)+'",
  "'.*'",
  '${',
  '=',
  '++',
  '@x',
  ' ',
];

const seeds = [
  "trigger.parameters.env == 'prod' ? 'a' : 'b'",
  "#stage('Deploy').outputs['manifests'][0].metadata.name",
  "execution.stages.?[type == 'wait'].size()",
  '{1, 2, 3}.![#this * 2]',
  '#toJson({a: {1, 2}})',
  "'a-b-c'.split('-')[1].toUpperCase()",
  "T(Math).max(1, 2) + new Integer('3')",
  'trigger.parameters.keySet().![#root.trigger.parameters[#this]]',
  "#judgment('Approve') matches 'y.s'",
];

const allowedCodes = new Set([
  'PARSE',
  'EVALUATION',
  'NOT_FOUND',
  'DENIED',
  'LIMIT',
  'TIMEOUT',
  'HELPER',
  'URL',
]);
const limits = { timeoutMs: 250, maxSteps: 20_000 };

function check(run: () => unknown): void {
  const started = performance.now();
  try {
    run();
  } catch (err) {
    if (
      !(err instanceof ExpressionError) ||
      !allowedCodes.has(err.code) ||
      /Internal evaluator error/.test(err.message)
    ) {
      throw new Error(`unexpected failure: ${String(err)}`, { cause: err });
    }
  }
  // The evaluator checks its deadline itself; allow scheduling slack on a busy machine.
  expect(performance.now() - started).toBeLessThan(limits.timeoutMs + 750);
}

describe('fuzz: the evaluator only ever throws ExpressionError and stays within its limits', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort().join();

  it('random token soups', () => {
    const random = rng(42);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
    for (let i = 0; i < 4_000; i++) {
      const n = 1 + Math.floor(random() * 14);
      const expression = Array.from({ length: n }, () => pick(vocabulary)).join(random() < 0.5 ? '' : ' ');
      check(() => evaluateExpressionSync(expression, sampleContext(), { limits }));
      check(() => evaluateTemplateSync(`x\${${expression}}y`, sampleContext(), { limits }));
    }
  });

  it('mutations of real expressions', () => {
    const random = rng(7);
    const chars = 'abc.#\'"[](){}?:!$^,=<>+-*/%0123456789 \\_';
    for (let i = 0; i < 4_000; i++) {
      let expression = seeds[i % seeds.length]!;
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (expression.length + 1));
        const op = random();
        const ch = chars[Math.floor(random() * chars.length)]!;
        if (op < 0.4) expression = expression.slice(0, at) + ch + expression.slice(at);
        else if (op < 0.7) expression = expression.slice(0, at) + expression.slice(at + 1);
        else if (op < 0.9) expression = expression.slice(0, at) + ch + expression.slice(at + 1);
        else
          expression =
            expression.slice(0, at) + expression.slice(at, at + 8).repeat(3) + expression.slice(at + 8);
      }
      check(() => evaluateExpressionSync(expression, sampleContext(), { limits }));
    }
  });

  it('left every prototype untouched', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
