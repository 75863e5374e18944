import { fixtureFiles } from '@genoa/testing';
import { describe, expect, it } from 'vitest';
import { isPlainObject } from './guard.js';
import { parseExpression } from './parser.js';
import { containsExpression, parseTemplate } from './template.js';

interface Found {
  file: string;
  text: string;
  /** `${…}` template, or a bare expression (stageEnabled / precondition `expression` without `${`). */
  kind: 'template' | 'bare';
}

/** Every `${…}` string (values and map keys) and every bare conditional expression in a document. */
function collect(
  file: string,
  value: unknown,
  out: Found[],
  parentKey?: string,
  parent?: Record<string, unknown>,
): void {
  if (typeof value === 'string') {
    if (containsExpression(value)) out.push({ file, text: value, kind: 'template' });
    else if (
      parentKey === 'expression' &&
      parent &&
      (parent.type === 'expression' || 'failureMessage' in parent)
    ) {
      out.push({ file, text: value, kind: 'bare' });
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collect(file, item, out, parentKey, parent);
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (containsExpression(key)) out.push({ file, text: key, kind: 'template' });
      collect(file, item, out, key, value);
    }
  }
}

/**
 * Expressions in the corpus that do not parse because the source document itself is wrong (none
 * today). Each entry: file, text, and why Spinnaker would fail it too.
 */
const genuineErrors: { file: string; text: string; reason: string }[] = [];

const found: Found[] = [];
for (const folder of ['pipelines', 'executions'] as const) {
  for (const { name, json } of fixtureFiles(folder)) collect(`${folder}/${name}`, json, found);
}
const unique = [...new Map(found.map((f) => [`${f.file}\u0000${f.text}`, f])).values()];

describe('every expression in the Spinnaker fixture corpus parses', () => {
  it('finds the corpus expressions', () => {
    // The corpus holds dozens of expressions across pipelines and executions; an empty list would
    // make the parse check below vacuous.
    expect(unique.length).toBeGreaterThan(60);
    expect(unique.some((f) => f.file.startsWith('executions/'))).toBe(true);
    expect(unique.some((f) => f.kind === 'bare')).toBe(true);
  });

  it.each(unique.map((f) => [f.file, f.text, f.kind] as const))('%s: %s', (file, text, kind) => {
    const known = genuineErrors.find((g) => g.file === file && g.text === text);
    const parse = (): unknown => (kind === 'template' ? parseTemplate(text) : parseExpression(text));
    if (known) expect(parse).toThrow();
    else expect(parse).not.toThrow();
  });
});
