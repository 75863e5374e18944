import type { Node } from './ast.js';

/** A short source-like rendering of a node, for "not found" messages: `trigger.buildInfo.number`. */
export function describe(node: Node | null): string {
  if (!node) return '#this';
  switch (node.type) {
    case 'literal':
      return typeof node.value === 'string' ? `'${node.value}'` : String(node.value);
    case 'ident':
      return node.name;
    case 'variable':
      return `#${node.name}`;
    case 'function':
      return `#${node.name}(${node.args.map(describe).join(', ')})`;
    case 'property':
      return `${describe(node.target)}${node.safe ? '?.' : '.'}${node.name}`;
    case 'index':
      return `${node.target ? describe(node.target) : ''}[${describe(node.index)}]`;
    case 'method':
      return `${node.target ? describe(node.target) + (node.safe ? '?.' : '.') : ''}${node.name}(${node.args.map(describe).join(', ')})`;
    case 'select':
      return `${describe(node.target)}.${node.mode === 'all' ? '?' : node.mode === 'first' ? '^' : '$'}[…]`;
    case 'project':
      return `${describe(node.target)}.![…]`;
    case 'typeref':
      return `T(${node.typeName})`;
    default:
      return '(…)';
  }
}
