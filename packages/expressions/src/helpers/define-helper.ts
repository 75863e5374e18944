import type { Budget } from '../budget.js';
import type { EvaluationContext } from '../context.js';
import type { IoGate } from '../io-gate.js';

/** What a helper receives besides its arguments. */
export interface HelperCall {
  ctx: EvaluationContext;
  budget: Budget;
  io: IoGate;
}

/** A `#name(...)` helper function. */
export interface HelperDefinition {
  /** The name written after `#`. */
  name: string;
  /** Other names for the same helper (`judgement`). */
  aliases?: readonly string[];
  /** One line for docs and error messages. */
  description: string;
  /** Arity range. */
  minArgs: number;
  maxArgs: number;
  /** The implementation: pure given its inputs, returns JSON-like data, throws ExpressionError. */
  call(args: unknown[], call: HelperCall): unknown;
}

/** Declares a helper (identity with a type check). */
export function defineHelper(definition: HelperDefinition): HelperDefinition {
  return definition;
}
