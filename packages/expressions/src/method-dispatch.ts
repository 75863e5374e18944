import type { Node } from './ast.js';
import type { Budget } from './budget.js';
import { booleanMethods, listMethods, mapMethods, numberMethods } from './collection-methods.js';
import { describe } from './describe.js';
import { ExpressionError } from './errors.js';
import { deniedNames, isPlainObject } from './guard.js';
import { javaEquals, javaTypeName } from './java.js';
import { stringMethods, type MethodDef } from './string-methods.js';

/** Method names refused with DENIED (not merely "not found"): reflection and process control. */
const DENIED_METHODS = new Set([
  'getClass',
  'forName',
  'getRuntime',
  'exec',
  'invoke',
  'newInstance',
  'getMethod',
  'getDeclaredMethod',
  'getConstructor',
  'call',
  'apply',
  'bind',
  'wait',
  'notify',
  'notifyAll',
  'valueOf',
  'toLocaleString',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
]);

/** Calls an allow-listed method on a value (String, List, Map, number, boolean methods). */
export function callMethod(
  receiver: unknown,
  name: string,
  args: unknown[],
  node: Node,
  budget: Budget,
): unknown {
  if (DENIED_METHODS.has(name) || deniedNames.has(name)) {
    throw new ExpressionError('DENIED', `Method ${name}() is not allowed in pipeline expressions`, node.pos);
  }
  if (receiver === null || receiver === undefined) {
    throw new ExpressionError(
      'NOT_FOUND',
      `EL1011E: Method call: Attempted to call method ${name}() on null context object (${describe(node)})`,
      node.pos,
    );
  }
  let def: MethodDef<never> | undefined;
  if (typeof receiver === 'string') def = stringMethods.get(name);
  else if (Array.isArray(receiver)) def = listMethods.get(name);
  else if (isPlainObject(receiver)) def = mapMethods.get(name);
  else if (typeof receiver === 'number') def = numberMethods.get(name);
  else if (typeof receiver === 'boolean') def = booleanMethods.get(name);
  else throw new ExpressionError('DENIED', `Methods of this value are not accessible`, node.pos);
  if (!def && name === 'equals' && args.length === 1)
    return javaEquals(receiver, args[0], () => budget.tick());
  if (!def || args.length < def.min || args.length > def.max) {
    throw new ExpressionError(
      'EVALUATION',
      `EL1004E: Method call: Method ${name}(${args.map(javaTypeName).join(', ')}) cannot be found on type ${javaTypeName(receiver)}`,
      node.pos,
    );
  }
  const result = (def.fn as (r: unknown, a: unknown[], b: Budget) => unknown)(receiver, args, budget);
  if (Array.isArray(result)) budget.collection(result.length);
  return result;
}
