import type { Node } from './ast.js';
import type { Budget } from './budget.js';
import type { EvaluationContext } from './context.js';
import { ExpressionError } from './errors.js';
import type { HelperDefinition } from './helpers/define-helper.js';
import type { IoGate } from './io-gate.js';
import { arithmetic, relational } from './operators.js';
import { getProperty, isData, isPlainObject, MISSING, setOwn } from './guard.js';
import { callStatic, construct, isInstanceOf, staticField } from './java-types.js';
import { javaToString, javaTypeName, toBooleanValue } from './java.js';
import { callMethod } from './method-dispatch.js';
import { describe } from './describe.js';

/** Everything one evaluation needs: the context, the helper registry, the meter and the I/O gate. */
export interface Scope {
  ctx: EvaluationContext;
  helpers: ReadonlyMap<string, HelperDefinition>;
  budget: Budget;
  io: IoGate;
}

/** Walks an AST. `active` is SpEL's active context object (`#this`); the root is `scope.ctx.root`. */
export function evaluateNode(node: Node, active: unknown, scope: Scope): unknown {
  scope.budget.tick();
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'ident':
      return readProperty(active, node.name, node, scope);
    case 'variable':
      return variable(node.name, active, scope, node.pos);
    case 'function':
      return callHelper(node.name, node.args, active, scope, node.pos);
    case 'property': {
      if (node.target.type === 'typeref') return staticField(node.target.typeName, node.name);
      const target = evaluateNode(node.target, active, scope);
      if ((target === null || target === undefined) && node.safe) return null;
      return readProperty(target, node.name, node, scope);
    }
    case 'index': {
      const target = node.target ? evaluateNode(node.target, active, scope) : active;
      if ((target === null || target === undefined) && node.safe) return null;
      return index(target, evaluateNode(node.index, active, scope), node, scope);
    }
    case 'method': {
      const args = (): unknown[] => node.args.map((a) => evaluateNode(a, active, scope));
      if (node.target?.type === 'typeref') return callStatic(node.target.typeName, node.name, args());
      const receiver = node.target ? evaluateNode(node.target, active, scope) : active;
      if ((receiver === null || receiver === undefined) && node.safe) return null;
      return callMethod(receiver, node.name, args(), node, scope.budget);
    }
    case 'select':
    case 'project':
      return collectionOp(node, active, scope);
    case 'unary': {
      const value = evaluateNode(node.arg, active, scope);
      if (node.op === '!') return !toBooleanValue(value, `'!' operand`);
      if (typeof value !== 'number') {
        throw new ExpressionError(
          'EVALUATION',
          `EL1030E: The operator '${node.op}' is not supported on type '${javaTypeName(value)}'`,
          node.pos,
        );
      }
      return node.op === '-' ? -value : value;
    }
    case 'binary': {
      const left = evaluateNode(node.left, active, scope);
      if (node.op === 'instanceof') {
        if (node.right.type !== 'typeref')
          throw new ExpressionError(
            'EVALUATION',
            "'instanceof' needs a type: x instanceof T(String)",
            node.pos,
          );
        return isInstanceOf(left, node.right.typeName);
      }
      const right = evaluateNode(node.right, active, scope);
      const op = node.op;
      if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%' || op === '^') {
        // JSON has one number type; a real literal (7.0, 2d) marks a Java double, so 7.0 / 2 is 3.5.
        const real = isRealLiteral(node.left) || isRealLiteral(node.right);
        return arithmetic(op, left, right, scope.budget, real);
      }
      return relational(op, left, right, scope.budget);
    }
    case 'and':
      return (
        toBooleanValue(evaluateNode(node.left, active, scope), "'and' operand") &&
        toBooleanValue(evaluateNode(node.right, active, scope), "'and' operand")
      );
    case 'or':
      return (
        toBooleanValue(evaluateNode(node.left, active, scope), "'or' operand") ||
        toBooleanValue(evaluateNode(node.right, active, scope), "'or' operand")
      );
    case 'ternary':
      return toBooleanValue(evaluateNode(node.test, active, scope), 'the ternary condition')
        ? evaluateNode(node.then, active, scope)
        : evaluateNode(node.otherwise, active, scope);
    case 'elvis': {
      const value = evaluateNode(node.value, active, scope);
      return value === null || value === undefined || value === ''
        ? evaluateNode(node.fallback, active, scope)
        : value;
    }
    case 'list': {
      scope.budget.collection(node.items.length);
      return node.items.map((item) => evaluateNode(item, active, scope));
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const entry of node.entries) {
        const key =
          typeof entry.key === 'string' ? entry.key : javaToString(evaluateNode(entry.key, active, scope));
        setOwn(out, key, evaluateNode(entry.value, active, scope), node.pos);
      }
      return out;
    }
    case 'typeref':
      throw new ExpressionError(
        'DENIED',
        `Type references such as T(${node.typeName}) are not values: call a static method`,
        node.pos,
      );
    case 'new':
      return construct(
        node.typeName,
        node.args.map((a) => evaluateNode(a, active, scope)),
      );
  }
}

const isRealLiteral = (n: Node): boolean => n.type === 'literal' && n.real === true;

function variable(name: string, active: unknown, scope: Scope, pos: number): unknown {
  if (name === 'this') return active;
  if (name === 'root') return scope.ctx.root;
  if (scope.helpers.has(name)) {
    throw new ExpressionError(
      'DENIED',
      `#${name} is a function: call it as #${name}(...); functions are not values`,
      pos,
    );
  }
  const vars = scope.ctx.variables;
  if (!vars) return null;
  const value = getProperty(vars, name, pos);
  return value === MISSING ? null : value;
}

function callHelper(name: string, argNodes: Node[], active: unknown, scope: Scope, pos: number): unknown {
  const helper = scope.helpers.get(name);
  if (!helper) throw new ExpressionError('EVALUATION', `EL1006E: Function '${name}' could not be found`, pos);
  if (argNodes.length < helper.minArgs || argNodes.length > helper.maxArgs) {
    throw new ExpressionError(
      'EVALUATION',
      `#${name} takes ${helper.minArgs === helper.maxArgs ? helper.minArgs : `${helper.minArgs} to ${helper.maxArgs}`} argument(s), not ${argNodes.length}`,
      pos,
    );
  }
  const args = argNodes.map((a) => evaluateNode(a, active, scope));
  const result = helper.call(args, { ctx: scope.ctx, budget: scope.budget, io: scope.io });
  if (!isData(result)) throw new ExpressionError('DENIED', `#${name} returned a value that is not data`, pos);
  return result ?? null;
}

const isStageLike = (v: Record<string, unknown>): boolean =>
  typeof v.status === 'string' && isPlainObject(v.context) && typeof v.type === 'string';

function readProperty(target: unknown, name: string, node: Node, scope: Scope): unknown {
  if (target === null || target === undefined) {
    throw new ExpressionError(
      'NOT_FOUND',
      `EL1007E: Property or field '${name}' cannot be found on null (${describe(node)})`,
      node.pos,
    );
  }
  const value = getProperty(target, name, node.pos);
  if (value !== MISSING) return value;
  if (isPlainObject(target)) {
    if (target === scope.ctx.root && scope.ctx.rootFallback) {
      const fallback = scope.ctx.rootFallback(name);
      if (fallback !== undefined && isData(fallback)) return fallback;
    }
    // Orca rewrites the bare word `deployedServerGroups` into a call of the helper.
    if (target === scope.ctx.root && name === 'deployedServerGroups' && scope.helpers.has(name)) {
      return callHelper(name, [], target, scope, node.pos);
    }
    // Spinnaker's StageExecution getters hasSucceeded/hasFailed, available on any stage object.
    if (name === 'hasSucceeded' && isStageLike(target)) return target.status === 'SUCCEEDED';
    if (name === 'hasFailed' && isStageLike(target)) return target.status === 'TERMINAL';
    if (scope.ctx.allowUnknownKeys !== false) return null;
  } else if ((typeof target === 'string' || Array.isArray(target)) && name === 'empty') {
    return target.length === 0;
  }
  throw new ExpressionError(
    'NOT_FOUND',
    `EL1008E: Property or field '${name}' cannot be found on object of type '${javaTypeName(target)}' (${describe(node)})`,
    node.pos,
  );
}

function index(target: unknown, key: unknown, node: Node, scope: Scope): unknown {
  if (target === null || target === undefined) {
    throw new ExpressionError(
      'NOT_FOUND',
      `EL1012E: Cannot index into a null value (${describe(node)})`,
      node.pos,
    );
  }
  if (Array.isArray(target) || typeof target === 'string') {
    const i = typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : key;
    if (typeof i !== 'number' || !Number.isInteger(i)) {
      throw new ExpressionError(
        'EVALUATION',
        `EL1028E: Cannot index a ${javaTypeName(target)} with ${javaTypeName(key)}`,
        node.pos,
      );
    }
    const value = getProperty(target, i, node.pos);
    if (value === MISSING) {
      throw new ExpressionError(
        'NOT_FOUND',
        `EL1025E: The collection has '${target.length}' elements, index '${i}' is invalid (${describe(node)})`,
        node.pos,
      );
    }
    return value;
  }
  if (!isPlainObject(target))
    throw new ExpressionError('DENIED', `Indexing into this value is not allowed`, node.pos);
  const name = javaToString(key);
  const value = getProperty(target, name, node.pos);
  if (value !== MISSING) return value;
  return readProperty(target, name, node, scope);
}

function collectionOp(
  node: Extract<Node, { type: 'select' | 'project' }>,
  active: unknown,
  scope: Scope,
): unknown {
  const target = node.target ? evaluateNode(node.target, active, scope) : active;
  if (target === null || target === undefined) {
    if (node.safe) return null;
    throw new ExpressionError(
      'NOT_FOUND',
      `EL1012E: Cannot ${node.type === 'select' ? 'select from' : 'project'} a null value (${describe(node)})`,
      node.pos,
    );
  }
  let elements: unknown[];
  const isMap = isPlainObject(target);
  if (Array.isArray(target)) elements = target;
  else if (isMap) elements = Object.keys(target).map((key) => ({ key, value: getProperty(target, key) }));
  else
    throw new ExpressionError(
      'EVALUATION',
      `EL1036E: Cannot ${node.type} on type ${javaTypeName(target)}`,
      node.pos,
    );
  scope.budget.tick(elements.length);
  if (node.type === 'project') return elements.map((el) => evaluateNode(node.expr, el, scope));
  const chosen: unknown[] = [];
  for (const el of elements) {
    const keep = evaluateNode(node.predicate, el, scope);
    if (typeof keep !== 'boolean') {
      throw new ExpressionError(
        'EVALUATION',
        `EL1045E: Result of selection criteria is not boolean (${javaTypeName(keep)})`,
        node.pos,
      );
    }
    if (!keep) continue;
    chosen.push(el);
    if (node.mode === 'first') break;
  }
  const picked = node.mode === 'all' ? chosen : node.mode === 'first' ? chosen.slice(0, 1) : chosen.slice(-1);
  if (!isMap) return node.mode === 'all' ? picked : (picked[0] ?? null);
  if (node.mode !== 'all' && picked.length === 0) return null;
  const out: Record<string, unknown> = {};
  for (const entry of picked as { key: string; value: unknown }[]) setOwn(out, entry.key, entry.value);
  return out;
}
