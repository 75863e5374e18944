/**
 * `@genoa/expressions`: Spinnaker-compatible pipeline expressions (`${…}`, a SpEL subset) evaluated
 * in a sandbox. Primitives (parse, evaluate one expression, template a JSON tree), the stage-level
 * processing orca uses, the evaluate-endpoint core, the helper registry and the guarded URL fetcher.
 */
export * from './errors.js';
export * from './limits.js';
export type { Node, BinaryOp } from './ast.js';
export { parseExpression, type ParseOptions } from './parser.js';
export { parseTemplate, containsExpression, type TemplatePart } from './template.js';
export { parseExpressionCached, parseTemplateCached, LruCache } from './parse-cache.js';
export type { EvaluationContext, HelperServices, PipelineIdLookup } from './context.js';
export {
  evaluateExpression,
  evaluateExpressionSync,
  evaluateTemplate,
  evaluateTemplateSync,
  type EvaluateOptions,
  type TemplateResult,
} from './evaluate.js';
export * from './summary.js';
export { transformValue, escapeSimpleExpression, type TransformOptions } from './transform.js';
export * from './process.js';
export * from './stage-context.js';
export * from './evaluate-for-execution.js';
export { helperDefinitions, helperRegistry, createHelperRegistry, defineHelper } from './helpers/index.js';
export type { HelperCall, HelperDefinition } from './helpers/index.js';
export * from './url/url-fetcher.js';
export { isBlockedAddress, isNumericHostForm } from './url/ip-policy.js';
