export * from './model.js';
export * from './tree.js';
export * from './server.js';
