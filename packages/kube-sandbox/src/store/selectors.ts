import type { KubeObject, Loose } from '../types.js';

/** One label requirement. */
export interface LabelRequirement {
  key: string;
  op: 'in' | 'notin' | 'exists' | '!' | '=' | '!=';
  values: string[];
}

/** Thrown on a malformed selector (rendered as 400 BadRequest by the API layer). */
export class SelectorError extends Error {}

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new SelectorError(`unable to parse requirement: invalid label key "${key}"`);
  return key;
}

function checkValue(value: string): string {
  if (value.length > 63 || !VALUE.test(value)) {
    throw new SelectorError(`unable to parse requirement: invalid label value: "${value}"`);
  }
  return value;
}

/** Splits on commas that are not inside parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Parses a label selector string (`app=web,tier in (a,b),!legacy`). */
export function parseLabelSelector(text: string | undefined | null): LabelRequirement[] {
  if (!text) return [];
  return splitTop(text).map((part) => {
    let m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (m) {
      const values = m[3]!.split(',').map((v) => checkValue(v.trim()));
      return { key: checkKey(m[1]!), op: m[2] as 'in' | 'notin', values };
    }
    m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (m) {
      return { key: checkKey(m[1]!), op: m[2] === '!=' ? '!=' : '=', values: [checkValue(m[3]!.trim())] };
    }
    m = /^!\s*(\S+)$/.exec(part);
    if (m) return { key: checkKey(m[1]!), op: '!', values: [] };
    if (/^\S+$/.test(part)) return { key: checkKey(part), op: 'exists', values: [] };
    throw new SelectorError(`unable to parse requirement: "${part}"`);
  });
}

/** True when `labels` satisfy every requirement. */
export function matchesLabels(reqs: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case '=':
      case 'in':
        return has && r.values.includes(v!);
      case '!=':
      case 'notin':
        return !has || !r.values.includes(v!);
      case 'exists':
        return has;
      case '!':
        return !has;
    }
    return false;
  });
}

/** Renders a `metav1.LabelSelector` object as a selector string (requirements sorted by key). */
export function labelSelectorToString(selector: Loose): string {
  if (!selector) return '';
  const parts: [string, string][] = [];
  for (const [k, v] of Object.entries((selector.matchLabels ?? {}) as Record<string, string>)) {
    parts.push([k, `${k}=${v}`]);
  }
  for (const e of (selector.matchExpressions ?? []) as Loose[]) {
    const values = [...((e.values ?? []) as string[])].sort().join(',');
    const op = String(e.operator);
    const text =
      op === 'In'
        ? `${e.key} in (${values})`
        : op === 'NotIn'
          ? `${e.key} notin (${values})`
          : op === 'Exists'
            ? String(e.key)
            : `!${e.key}`;
    parts.push([String(e.key), text]);
  }
  return parts
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((p) => p[1])
    .join(',');
}

/** True when `labels` match a `metav1.LabelSelector` object (empty selector matches all). */
export function selectorMatches(selector: Loose, labels: Record<string, string> | undefined): boolean {
  return matchesLabels(parseLabelSelector(labelSelectorToString(selector)), labels);
}

/** One field requirement. */
export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

/** Parses a field selector (`metadata.name=web,status.phase!=Running`), honouring backslash escapes. */
export function parseFieldSelector(text: string | undefined | null, allowed: string[]): FieldRequirement[] {
  if (!text) return [];
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      cur += ch + text[++i];
    } else if (ch === ',') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  const all = ['metadata.name', 'metadata.namespace', ...allowed];
  return parts
    .filter((p) => p !== '')
    .map((part) => {
      const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part);
      if (!m) throw new SelectorError(`invalid selector: '${part}'; can't understand '${part}'`);
      const field = m[1]!.trim();
      if (!all.includes(field)) {
        throw new SelectorError(`field label not supported: ${field}`);
      }
      return { field, value: m[3]!.replace(/\\(.)/g, '$1'), negate: m[2] === '!=' };
    });
}

/** The string value of a selectable field on an object. */
export function fieldValue(obj: KubeObject, field: string): string {
  let cur: Loose = obj;
  for (const part of field.split('.')) cur = cur == null ? undefined : cur[part];
  if (cur == null) {
    if (field === 'spec.unschedulable' || field === 'spec.hostNetwork') return 'false';
    if (field === 'status.successful' || field === 'status.replicas') return '0';
    return '';
  }
  if (field === 'source' && typeof cur === 'object') return String(cur.component ?? '');
  return String(cur);
}

/** True when the object satisfies every field requirement. */
export function matchesFields(reqs: FieldRequirement[], obj: KubeObject): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) !== r.negate);
}
