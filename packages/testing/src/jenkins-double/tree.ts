/**
 * Jenkins' `tree=` query filter (`jobs[name,lastBuild[number,result]]`), parsed into a nested
 * field spec and applied to a JSON document the way Jenkins' `api/json` does.
 */

/** A parsed `tree=` spec: field name → sub-spec (null = take the value whole). */
export type TreeSpec = Map<string, TreeSpec | null>;

/** Parses a `tree=` value; throws on unbalanced brackets. Range suffixes (`{0,10}`) are accepted. */
export function parseTree(text: string): TreeSpec {
  let pos = 0;
  const parseList = (): TreeSpec => {
    const spec: TreeSpec = new Map();
    for (;;) {
      let name = '';
      while (pos < text.length && !',[]{'.includes(text[pos]!)) name += text[pos++];
      let sub: TreeSpec | null = null;
      if (text[pos] === '[') {
        pos += 1;
        sub = parseList();
        if (text[pos] !== ']') throw new Error(`tree: expected ] at ${pos}`);
        pos += 1;
      }
      if (text[pos] === '{') {
        while (pos < text.length && text[pos] !== '}') pos += 1;
        pos += 1;
      }
      if (name.trim()) spec.set(name.trim(), sub);
      if (text[pos] === ',') {
        pos += 1;
        continue;
      }
      return spec;
    }
  };
  const spec = parseList();
  if (pos !== text.length) throw new Error(`tree: unexpected ${text[pos]} at ${pos}`);
  return spec;
}

/** Keeps only the fields named by `spec` (and `_class`, which Jenkins always writes). */
export function applyTree(value: unknown, spec: TreeSpec | null): unknown {
  if (spec === null || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => applyTree(item, spec));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if ('_class' in source) out._class = source._class;
  for (const [key, sub] of spec) if (key in source) out[key] = applyTree(source[key], sub);
  return out;
}
