/**
 * `@genoa/shared`: the isomorphic contracts of the suite (Spinnaker wire models as zod schemas,
 * queue names and messages, identity header names, the error vocabulary). Safe for the browser.
 * Node-only helpers live in `@genoa/shared/node`.
 */
export * from './model/index.js';
export * from './contracts/index.js';
export * from './errors.js';
export * from './map-limit.js';
