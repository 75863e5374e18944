export * from './error-body.js';
export * from './services.js';
export * from './identity.js';
export * from './queues/names.js';
export * from './queues/orca.js';
export * from './queues/echo.js';
export * from './validation.js';
export * from './http/orca.js';
