import { defineHelper } from './define-helper.js';

/** `#currentUser()`: the authenticated user, or `anonymous`. */
export const currentUserHelper = defineHelper({
  name: 'currentUser',
  description: 'Looks up the current authenticated user within the execution context',
  minArgs: 0,
  maxArgs: 0,
  call: (_args, call) => call.ctx.currentUser ?? 'anonymous',
});
